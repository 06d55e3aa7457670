import type { z } from 'zod';
import { AuditError } from '../errors.ts';
import { formatZodIssues } from '../util/zod-issues.ts';

/**
 * Validates an API payload; a mismatch is one line naming source, URL (no credentials) and the
 * JSON field path: `hcm https://…/userAccounts?…: items[3].Username: expected string`.
 */
export const parsePayload = <T>(schema: z.ZodType<T>, body: unknown, source: string, displayUrl: string): T => {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const line = formatZodIssues(`${source} ${displayUrl}`, result.error)[0] ?? `${source} ${displayUrl}: invalid payload`;
  throw new AuditError('payload', line.replace(/Invalid input: /g, ''), { hint: 'the tenant answered with a payload this tool does not understand; re-run with --verbose and report it' });
};

/** Dates as Oracle writes them (ISO-8601, or SCIM's "2009-05-25 00:00:00.000") → ISO-8601 UTC; unreadable text is kept as sent. */
export const normaliseDate = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined || value.trim() === '') return null;
  const text = value.trim();
  const isoLike = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const at = Date.parse(isoLike);
  return Number.isNaN(at) ? text : new Date(at).toISOString();
};
