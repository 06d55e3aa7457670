import type { Finding, Waiver } from './types.ts';

export interface WaiverOutcome {
  findings: Finding[];
  expired: Waiver[];
  stale: Waiver[];
  expiringSoon: Waiver[];
}

const toWaiverKey = (ruleId: string, username: string, roleCode: string | null, endpoint: string | null): string =>
  [ruleId, username.toUpperCase(), roleCode ?? '', endpoint ?? ''].join('|');

/** Adds `days` to a YYYY-MM-DD date (UTC calendar arithmetic). */
const addDays = (date: string, days: number): string => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};

/**
 * Applies waivers to findings. A waiver matches on rule id, username (case-insensitive), role
 * code and endpoint exactly — an omitted role code matches only findings without one, so a
 * waiver never silently covers roles granted after it was approved. `expires` is the last day
 * the waiver applies: on later days it no longer waives and is reported as expired.
 */
export const applyWaivers = (findings: Finding[], waivers: Waiver[], asOfDate: string, soonDays: number): WaiverOutcome => {
  const active = new Map<string, Waiver>();
  const expired: Waiver[] = [];
  const expiringSoon: Waiver[] = [];
  const soonLimit = addDays(asOfDate, soonDays);
  for (const waiver of waivers) {
    if (waiver.expires < asOfDate) {
      expired.push(waiver);
      continue;
    }
    if (waiver.expires <= soonLimit) expiringSoon.push(waiver);
    const key = toWaiverKey(waiver.ruleId, waiver.username, waiver.roleCode, waiver.endpoint);
    // The first waiver for a finding wins; a duplicate is then stale.
    if (!active.has(key)) active.set(key, waiver);
  }
  const used = new Set<Waiver>();
  const out = findings.map((finding) => {
    const waiver = active.get(toWaiverKey(finding.ruleId, finding.username, finding.roleCode, finding.endpoint));
    if (waiver === undefined) return finding;
    used.add(waiver);
    return { ...finding, status: 'waived' as const, waiver };
  });
  const stale = waivers.filter((waiver) => !expired.includes(waiver) && !used.has(waiver));
  // A stale waiver waives nothing: "expiring soon" would ask for a renewal nobody needs.
  return { findings: out, expired, stale, expiringSoon: expiringSoon.filter((waiver) => used.has(waiver)) };
};
