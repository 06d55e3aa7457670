import { z } from 'zod';
import { SEVERITIES } from '../evaluate/severity.ts';

/** Every user-written pattern is compiled case-insensitively (Oracle compares usernames that way). */
export const toRegExp = (source: string): RegExp => new RegExp(source, 'i');

export const getRegexProblem = (source: string): string | null => {
  try {
    toRegExp(source);
    return null;
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
};

/** A regular expression written as a string; a bad one fails when the policy loads. */
export const regexSchema = z.string().min(1, { error: 'must not be empty' }).superRefine((value, context) => {
  const problem = getRegexProblem(value);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

export const severitySchema = z.enum(SEVERITIES, {
  error: (issue) => `must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(issue.input)})`,
});

/** Role codes are compared upper-case, as Oracle reports them. */
export const roleCodeSchema = z.string().regex(/^[A-Z0-9_]+$/, { error: 'must be a role code in upper case (letters, digits, _)' });
