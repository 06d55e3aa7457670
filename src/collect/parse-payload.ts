import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { AuditError } from '../errors.ts';
import { formatZodIssues } from '../util/zod-issues.ts';

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
const validators = new WeakMap<z.ZodType, ValidateFunction | null>();

/**
 * The zod schema compiled once into an ajv validator that checks a page in place (no copy of
 * every item, which is what a zod parse builds); null for schemas with transforms, whose output
 * differs from their input and so must go through zod.
 */
const getValidator = (schema: z.ZodType): ValidateFunction | null => {
  let validator = validators.get(schema);
  if (validator === undefined) {
    try {
      z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
      validator = ajv.compile(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }));
    } catch {
      validator = null;
    }
    validators.set(schema, validator);
  }
  return validator;
};

/**
 * Validates an API payload; a mismatch is one line naming source, URL (no credentials) and the
 * JSON field path: `hcm https://…/userAccounts?…: items[3].Username: expected string`. The
 * common case (a valid page) is checked by the compiled validator and returned as parsed, with
 * Oracle's extra fields left in place; only an invalid page pays for zod, which words the error.
 */
export const parsePayload = <T>(schema: z.ZodType<T>, body: unknown, source: string, displayUrl: string): T => {
  if (getValidator(schema)?.(body) === true) return body as T;
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const line = formatZodIssues(`${source} ${displayUrl}`, result.error)[0] ?? `${source} ${displayUrl}: invalid payload`;
  throw new AuditError('payload', line.replace(/Invalid input: /g, ''), { hint: 'the tenant answered with a payload this tool does not understand; re-run with --verbose and report it' });
};

/**
 * The shape Oracle's REST resources write (`2019-12-25T02:56:17.629+00:00`, or with `Z`), with
 * every field in a range where Date.parse cannot roll over (day ≤ 28, hour ≤ 23, minute and
 * second ≤ 59): for those, toISOString would only swap the offset for `Z`, so the string is
 * rebuilt without a Date. Two dates on each of 100,000 accounts made the Date round trip a
 * visible part of collection; anything else still goes through Date.parse.
 */
const CANONICAL_UTC = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3})(?:\+00:00|Z)$/;

/** Dates as Oracle writes them (ISO-8601, or SCIM's "2009-05-25 00:00:00.000") → ISO-8601 UTC; unreadable text is kept as sent. */
export const normaliseDate = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const canonical = CANONICAL_UTC.exec(value);
  if (canonical !== null) return `${canonical[1]}Z`;
  if (value.trim() === '') return null;
  const text = value.trim();
  const isoLike = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const at = Date.parse(isoLike);
  return Number.isNaN(at) ? text : new Date(at).toISOString();
};
