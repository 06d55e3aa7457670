import { createHash } from 'node:crypto';
import type { Finding } from './types.ts';
import { compareSeverity } from './severity.ts';

/**
 * Stable finding id: the same rule, user (case-insensitive), role and endpoint give the same id
 * in every run, so waivers and baselines can point at it. Truncated SHA-256, prefixed.
 */
export const toFindingId = (ruleId: string, username: string, roleCode: string | null, endpoint: string | null): string => {
  const key = [ruleId, username.toUpperCase(), roleCode ?? '', endpoint ?? ''].join('|');
  return `FAA-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
};

// Code-point comparison, never localeCompare: the order must not depend on the machine's locale.
const compareText = (a: string | null, b: string | null): number => {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
};

/** The one finding order: severity (worst first), rule id, username, role code, endpoint, id. */
export const compareFindings = (a: Finding, b: Finding): number =>
  compareSeverity(a.severity, b.severity)
  || compareText(a.ruleId, b.ruleId)
  || compareText(a.username.toUpperCase(), b.username.toUpperCase())
  || compareText(a.roleCode, b.roleCode)
  || compareText(a.endpoint, b.endpoint)
  || compareText(a.id, b.id);
