import { z } from 'zod';

const isRealDate = (value: string): boolean => {
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
};

export const waiverSchema = z.strictObject({
  ruleId: z.string().min(1).describe('Rule id the waiver applies to, e.g. integration-seeded-role.'),
  username: z.string().min(1).optional().describe('Username of the finding (case-insensitive). Omit it, and give only roleCode, to waive a finding about a role (one reported on the role itself, not on an account).'),
  roleCode: z.string().min(1).nullable().optional().describe('Role code of the finding; omit for findings without one (a waiver never covers other roles).'),
  endpoint: z.string().min(1).nullable().optional().describe('Probe path of the finding; omit for findings without one.'),
  justification: z.string().trim().min(1, { error: 'must not be empty: say why the risk is accepted' }).describe('Why the risk is accepted, and the compensating control.'),
  approvedBy: z.string().trim().min(1, { error: 'must not be empty: name who approved it' }).describe('Who approved the exception.'),
  ticket: z.string().min(1).nullable().optional().describe('Change or risk ticket reference.'),
  mitigatingControl: z.string().trim().min(1, { error: 'must not be empty: describe the control or omit the field' }).nullable().optional()
    .describe('The control that reduces the accepted risk, e.g. "monthly review of invoices entered by buyers (control FIN-07)"; shown in the workbook and the PDF.'),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
    .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isRealDate(value), { error: 'is not a calendar date' })
    .describe('Last day the waiver applies (YYYY-MM-DD). Afterwards the finding is open again and the waiver is reported as expired.'),
}).refine((waiver) => waiver.username !== undefined || (waiver.roleCode ?? null) !== null, {
  error: 'name the username of the finding, or only the roleCode for a finding about a role', path: ['username'],
}).describe('One accepted exception.');

export const waiversFileSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
  waivers: z.array(waiverSchema).describe('Accepted exceptions; each matches findings by rule id, username, role code and endpoint.'),
}).describe('fusion-access-audit waivers file');
