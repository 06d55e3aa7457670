import { fileURLToPath } from 'node:url';
import { AuditError, ValidationError } from '../errors.ts';
import { evaluateTenant } from '../evaluate/engine.ts';
import { toSubjectLabel } from '../evaluate/subject.ts';
import type { Finding } from '../evaluate/types.ts';
import { readPolicySources, readSourceText } from '../policy/files.ts';
import type { PolicyPack } from '../policy/load.ts';
import { createLocator, formatIssues } from '../util/locate.ts';
import { toWaiver } from '../policy/waivers.ts';
import { parseStructuredText } from '../util/read-structured.ts';
import { policyCaseFileSchema, type Expectation, type Forbidden, type PolicyCase } from './schema.ts';
import { buildCaseTenant } from './tenant.ts';

/** The bundled pack's own cases: `policy-tests/` at the package root. */
export const BUILTIN_CASES_DIR = fileURLToPath(new URL('../../policy-tests/', import.meta.url));

export interface LoadedCase {
  /** `file:line` of the case, for messages. */
  where: string;
  case: PolicyCase;
}

export interface CaseResult {
  where: string;
  name: string;
  passed: boolean;
  /** One line per difference between what the case expects and what the rules produced. */
  differences: string[];
  findings: Finding[];
}

/** Reads every case file of the folders or files given; all problems at once (exit 2). */
export const readPolicyCases = async (paths: readonly string[]): Promise<LoadedCase[]> => {
  const problems: string[] = [];
  const sources = await readPolicySources(paths, problems);
  const cases: LoadedCase[] = [];
  for (const source of sources) {
    const text = await readSourceText(source, problems);
    if (text === null) continue;
    try {
      const raw = parseStructuredText(text, source.label, 'policy');
      const locate = createLocator(text);
      const parsed = policyCaseFileSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...formatIssues(source.label, locate, parsed.error.issues));
        continue;
      }
      parsed.data.cases.forEach((entry, index) => {
        const line = locate(['cases', index]);
        cases.push({ where: `${source.label}${line === null ? '' : `:${line}`}`, case: entry });
      });
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      problems.push(error.message);
    }
  }
  if (sources.length === 0 && problems.length === 0) problems.push(`${paths.join(', ')}: no case files found (.yaml, .yml, .json)`);
  if (problems.length > 0) throw new ValidationError('policy', problems, 'see "Policy unit tests" in docs/policies.md');
  return cases;
};

type Matcher = Forbidden;

const describeMatcher = (m: Matcher): string => [
  m.rule,
  m.username === undefined ? null : m.username === '' ? 'on a role' : `for ${m.username}`,
  m.role === undefined ? null : m.role === null ? 'without a role' : `role ${m.role}`,
  m.endpoint === undefined ? null : m.endpoint === null ? 'without an endpoint' : `endpoint ${m.endpoint}`,
].filter((part) => part !== null).join(' ');

const describeFinding = (f: Finding): string =>
  `${f.ruleId} ${toSubjectLabel(f)}${f.roleCode !== null && f.username !== '' ? ` role ${f.roleCode}` : ''}${f.endpoint === null ? '' : ` endpoint ${f.endpoint}`} (${f.severity}${f.status === 'waived' ? ', waived' : ''}): ${f.message}`;

const matches = (f: Finding, m: Matcher): boolean =>
  f.ruleId === m.rule
  && (m.username === undefined || f.username.toUpperCase() === m.username.toUpperCase())
  && (m.role === undefined || (m.role === null ? f.roleCode === null : f.roleCode?.toUpperCase() === m.role.toUpperCase()))
  && (m.endpoint === undefined || f.endpoint === m.endpoint);

/** Deep partial match: every field the case names must be there with the same value. */
const isSubset = (expected: unknown, actual: unknown): boolean => {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((item, i) => isSubset(item, actual[i]));
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => isSubset(value, (actual as Record<string, unknown>)[key]));
  }
  return expected === actual;
};

const fits = (f: Finding, e: Expectation): boolean =>
  matches(f, e) && (e.severity === undefined || f.severity === e.severity) && (e.status === undefined || f.status === e.status)
  && (e.message === undefined || f.message.includes(e.message)) && (e.remediation === undefined || f.remediation.includes(e.remediation))
  && (e.references === undefined || e.references.every((reference) => f.references.includes(reference)))
  && (e.ruleVersion === undefined || f.ruleVersion === e.ruleVersion) && (e.evidence === undefined || isSubset(e.evidence, f.evidence));

const describeExpectation = (e: Expectation): string => [
  describeMatcher(e),
  e.severity === undefined ? null : `severity ${e.severity}`,
  e.status === undefined ? null : e.status,
  e.message === undefined ? null : `message containing ${JSON.stringify(e.message)}`,
  e.remediation === undefined ? null : `remediation containing ${JSON.stringify(e.remediation)}`,
  e.references === undefined ? null : `references including ${e.references.map((reference) => JSON.stringify(reference)).join(', ')}`,
  e.ruleVersion === undefined ? null : `rule version ${e.ruleVersion}`,
  e.evidence === undefined ? null : `evidence ${JSON.stringify(e.evidence)}`,
].filter((part) => part !== null).join(', ');

const plural = (count: number): string => `${count} finding${count === 1 ? '' : 's'}`;

/** Runs one case against the pack (pure). */
export const runPolicyCase = (loaded: LoadedCase, pack: PolicyPack): CaseResult => {
  const entry = loaded.case;
  const differences: string[] = [];
  const known = new Set(pack.rules.map((rule) => rule.info.id));
  for (const id of entry.rules ?? []) if (!known.has(id)) differences.push(`rules: ${id} is not an enabled rule of the pack`);
  const named = [...entry.expect, ...entry.forbid].map((m) => m.rule).filter((id) => !known.has(id));
  for (const id of new Set(named)) differences.push(`${id}: not an enabled rule of the pack (the case can never pass or fail on it)`);
  const rules = entry.rules === undefined ? pack.rules : pack.rules.filter((rule) => entry.rules?.includes(rule.info.id));
  const model = buildCaseTenant(entry.tenant);
  const { document } = evaluateTenant(model, rules, {
    asOf: entry.asOf ?? model.finishedAt, waivers: entry.waivers.map(toWaiver), tool: { name: 'fusion-access-audit', version: 'policy-test' }, identity: pack.identity,
  });
  const findings = document.findings;
  for (const e of entry.expect) {
    const found = findings.filter((f) => fits(f, e)).length;
    const ok = e.count === undefined ? found > 0 : found === e.count;
    if (ok) continue;
    const wanted = e.count === undefined ? 'at least 1 finding' : `exactly ${plural(e.count)}`;
    differences.push(`expected ${wanted}: ${describeExpectation(e)}; got ${found}`);
    for (const near of findings.filter((f) => matches(f, e) && !fits(f, e)).slice(0, 5)) differences.push(`  closest: ${describeFinding(near)}`);
  }
  for (const m of entry.forbid) {
    for (const f of findings.filter((finding) => matches(finding, m))) differences.push(`forbidden (${describeMatcher(m)}) but found: ${describeFinding(f)}`);
  }
  if (entry.exhaustive) {
    for (const f of findings.filter((finding) => !entry.expect.some((e) => fits(finding, e)))) differences.push(`unexpected: ${describeFinding(f)}`);
  }
  return { where: loaded.where, name: entry.name, passed: differences.length === 0, differences, findings };
};

const LISTED = 20;

/** The text `policies test` prints: one line per case, the differences and what fired under a failing case. */
export const formatCaseResults = (results: readonly CaseResult[], verbose: boolean): string => {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? 'PASS' : 'FAIL'} ${result.where} ${result.name}`);
    if (result.passed && !verbose) continue;
    for (const difference of result.differences) lines.push(`    ${difference}`);
    if (!result.passed || verbose) {
      lines.push(`    produced ${plural(result.findings.length)}${result.findings.length === 0 ? '' : ':'}`);
      for (const f of result.findings.slice(0, LISTED)) lines.push(`      ${describeFinding(f)}`);
      if (result.findings.length > LISTED) lines.push(`      … and ${result.findings.length - LISTED} more`);
    }
  }
  const failed = results.filter((result) => !result.passed).length;
  lines.push(`${results.length} case${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
};
