import { readFile } from 'node:fs/promises';
import { AuditError, ValidationError } from '../errors.ts';
import type { Waiver } from '../evaluate/types.ts';
import { parseStructuredText } from '../util/read-structured.ts';
import { createLocator, formatIssues } from '../util/locate.ts';
import type { z } from 'zod';
import type { waiverSchema} from './waiver-schema.ts';
import { waiversFileSchema } from './waiver-schema.ts';

/** Parses a waivers file's text; every problem is reported at once with its line. */
export const parseWaivers = (text: string, label: string): Waiver[] => {
  const raw = parseStructuredText(text, label, 'waiver');
  const parsed = waiversFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError('waiver', formatIssues(label, createLocator(text), parsed.error.issues, [], waiversFileSchema), 'see the waivers reference in docs/policies.md');
  }
  return parsed.data.waivers.map(toWaiver);
};

/** A validated waiver entry, normalised (shared with the policy test cases). */
export const toWaiver = (waiver: z.output<typeof waiverSchema>): Waiver => ({
  ruleId: waiver.ruleId,
  // A role finding's username is '' (evaluate/subject.ts): a waiver without one targets it.
  username: waiver.username ?? '',
  roleCode: waiver.roleCode ?? null,
  endpoint: waiver.endpoint ?? null,
  justification: waiver.justification,
  approvedBy: waiver.approvedBy,
  ticket: waiver.ticket ?? null,
  mitigatingControl: waiver.mitigatingControl ?? null,
  expires: waiver.expires,
});

export const readWaivers = async (file: string): Promise<Waiver[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuditError('waiver', `${file}: cannot read waivers file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  return parseWaivers(text, file);
};
