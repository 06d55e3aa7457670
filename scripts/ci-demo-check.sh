#!/usr/bin/env bash
# Runs the README quickstart's demo command (after .ci/run installed everything) and checks that
# the auditor files exist and are what they claim to be.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf reports/demo
npm run --silent demo -- --quiet
for f in access-audit.xlsx access-audit.pdf findings.json manifest.json; do
  [ -s "reports/demo/$f" ] || { echo "ci-demo-check: reports/demo/$f missing"; exit 1; }
done
head -c 4 reports/demo/access-audit.pdf | grep -q '%PDF' || { echo "ci-demo-check: access-audit.pdf is not a PDF"; exit 1; }
head -c 2 reports/demo/access-audit.xlsx | grep -q 'PK' || { echo "ci-demo-check: access-audit.xlsx is not an xlsx"; exit 1; }
node bin/access-audit.js verify reports/demo --quiet
echo "ci-demo-check: reports/demo has the xlsx and pdf, and verify passes"
