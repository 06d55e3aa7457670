import type ExcelJS from 'exceljs';
import type { RoleGraphIndex } from '../../model/effective-access.ts';
import { createIntegrationTest, isPersonAccount } from '../facts.ts';
import { createFusionIndex, isFusionLeaver, matchFusionAccounts } from '../../model/fusion-match.ts';
import type { ReportInput } from '../types.ts';
import { toDateCell } from './cells.ts';
import { createSheetWriter } from './sheet-writer.ts';

const toStatus = (present: boolean, inactive: boolean | undefined, word: string): string =>
  present ? (inactive === true ? word : 'active') : '';

/** With a role graph, two more columns: the roles and privileges each account holds effectively. */
export const writeAccountsSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, graph: RoleGraphIndex | null, maxRows?: number): Promise<void> => {
  const isIntegration = createIntegrationTest(input.model);
  const sheet = createSheetWriter(workbook, 'Accounts', [
    { header: 'Username', width: 28 }, { header: 'Kind', width: 13 }, { header: 'Sources', width: 10 },
    { header: 'HCM status', width: 11 }, { header: 'SCIM status', width: 11 }, { header: 'Roles', width: 7 },
    { header: 'Display name', width: 28 }, { header: 'Email', width: 30 }, { header: 'HCM user id', width: 14 },
    { header: 'HCM GUID', width: 34 }, { header: 'Person id', width: 16 }, { header: 'Person number', width: 14 },
    { header: 'SCIM id', width: 34 }, { header: 'User category', width: 14 }, { header: 'Department', width: 20 },
    { header: 'Job', width: 20 }, { header: 'Created', width: 12, kind: 'date' }, { header: 'Last updated', width: 12, kind: 'date' },
    ...(graph === null ? [] : [{ header: 'Effective roles', width: 9 }, { header: 'Effective privileges', width: 10 }]),
  ], maxRows);
  for (const account of input.model.accounts) {
    const { hcm, scim } = account;
    await sheet.addRow([
      account.username,
      isIntegration(account.username) ? 'integration' : isPersonAccount(account) ? 'person' : 'other',
      account.sources.join(', '),
      toStatus(hcm !== null, hcm?.suspended, 'suspended'),
      toStatus(scim !== null, scim === null ? undefined : !scim.active, 'inactive'),
      account.roles.length,
      scim?.displayName ?? null,
      scim?.emails.join(', ') ?? null,
      hcm?.userId ?? null,
      hcm?.guid ?? null,
      hcm?.personId ?? null,
      hcm?.personNumber ?? scim?.worker?.personNumber ?? null,
      scim?.id ?? null,
      scim?.userCategory ?? null,
      scim?.worker?.department ?? null,
      scim?.worker?.job ?? null,
      toDateCell(hcm?.creationDate ?? null),
      toDateCell(hcm?.lastUpdateDate ?? null),
      ...(graph === null ? [] : ((access) => [access.roles.size, access.privileges.size])(graph.accessOf(account.roles.map((role) => role.code)))),
    ]);
  }
  await sheet.close();
};

/** One row per account × role: the big sheet (a million rows), so no per-cell styling. */
export const writeRolesSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, maxRows?: number): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Role assignments', [
    { header: 'Username', width: 28 }, { header: 'Role code', width: 48 }, { header: 'Role name', width: 40 },
    { header: 'Category', width: 10 }, { header: 'Sources', width: 10 }, { header: 'HCM role id', width: 16 }, { header: 'HCM user role id', width: 16 },
  ], maxRows);
  for (const account of input.model.accounts) {
    for (const role of account.roles) {
      await sheet.addRow([account.username, role.code, role.name, role.category, role.sources.join(', '), role.hcmRoleId, role.hcmUserRoleId]);
    }
  }
  await sheet.close();
};

export const writeProbesSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Probes', [
    { header: 'Integration', width: 26 }, { header: 'Endpoint', width: 60 }, { header: 'Expected', width: 10 },
    { header: 'Min count', width: 10 }, { header: 'Outcome', width: 16 }, { header: 'HTTP status', width: 11 },
    { header: 'Count', width: 8 }, { header: 'Total results', width: 13 }, { header: 'Detail', width: 50 },
  ]);
  for (const probe of input.model.probes) {
    await sheet.addRow([probe.integration, probe.path, probe.expect, probe.minCount, probe.outcome, probe.httpStatus, probe.count, probe.totalResults, probe.detail]);
  }
  await sheet.close();
};

/** Permission flags as one cell: `isProxyPermEnabled=true, isWebServicesOnly=unknown` (null is "unknown", never false). */
const toPermissionsText = (permissions: Record<string, boolean | null>): string =>
  Object.entries(permissions).map(([flag, value]) => `${flag}=${value === null ? 'unknown' : String(value)}`).join(', ');

/** IAMS, CPQ and CX Sales accounts (written only when the snapshot holds any, so Fusion-only workbooks keep their sheets). */
export const writeServiceAccountsSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, maxRows?: number): Promise<void> => {
  if (input.model.serviceAccounts.length === 0) return;
  const index = createFusionIndex(input.model.accounts);
  const sheet = createSheetWriter(workbook, 'Service accounts', [
    { header: 'Service', width: 8 }, { header: 'Username', width: 30 }, { header: 'Id', width: 34 }, { header: 'Active', width: 8 },
    { header: 'Display name', width: 28 }, { header: 'Email', width: 30 }, { header: 'External id', width: 14 }, { header: 'User type', width: 13 },
    { header: 'Groups', width: 40 }, { header: 'Permissions', width: 70 },
    { header: 'Fusion account', width: 28 }, { header: 'Matched by', width: 11 }, { header: 'Resource start', width: 14 }, { header: 'Resource end', width: 14 },
  ], maxRows);
  for (const account of input.model.serviceAccounts) {
    // The same matching the rules use: CX by Username then email; IAMS/CPQ by either key.
    const cx = account.service === 'cx';
    const match = matchFusionAccounts(index, cx ? (account.resource?.username ?? null) : account.username, account.email, !cx);
    await sheet.addRow([
      account.service, account.username, account.id, account.active ? 'active' : 'inactive', account.displayName, account.email,
      account.externalId, account.userType, account.groups.join(', '), toPermissionsText(account.permissions),
      match.accounts.map((fusion) => `${fusion.username}${isFusionLeaver(fusion) ? ' (leaver)' : ''}`).join(', ') || null, match.matchedBy,
      account.resource?.startDate ?? null, account.resource?.endDate ?? null,
    ]);
  }
  await sheet.close();
};
