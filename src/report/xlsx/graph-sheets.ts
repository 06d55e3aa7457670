import type ExcelJS from 'exceljs';
import { sortedEntries, toPathText, type RoleGraphIndex } from '../../model/effective-access.ts';
import { countEffectiveHolders, createRoleHolders } from '../../model/role-holders.ts';
import { getEffectiveAccessSubjects } from '../role-graph-facts.ts';
import type { ReportInput } from '../types.ts';
import { createSheetWriter } from './sheet-writer.ts';

/**
 * The role graph sheets, written only when the snapshot holds a graph (a workbook without one
 * keeps exactly its sheets): Roles, Role graph (one row per edge), Effective access.
 */

/** Every role of the graph, plus assigned roles it does not contain, with direct and effective holders. */
export const writeGraphRolesSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, graph: RoleGraphIndex, maxRows?: number): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Roles', [
    { header: 'Role code', width: 48 }, { header: 'Role name', width: 40 }, { header: 'Type', width: 12 }, { header: 'Seeded', width: 8 },
    { header: 'In role graph', width: 8 }, { header: 'Member roles', width: 9 }, { header: 'Member privileges', width: 9 },
    { header: 'Contained by', width: 9 }, { header: 'Accounts (direct)', width: 10 }, { header: 'Accounts (effective)', width: 10 },
  ], maxRows);
  const { accounts } = input.model;
  const holders = createRoleHolders(accounts, graph);
  const effective = countEffectiveHolders(accounts, graph);
  const catalogue = new Map(input.model.roles.map((role) => [role.code.toUpperCase(), role.name]));
  for (const role of graph.graph.roles) {
    const code = role.code.toUpperCase();
    const members = graph.membersOf(code);
    const memberRoles = members.filter((member) => member.kind === 'role').length;
    await sheet.addRow([
      role.code, role.name ?? catalogue.get(code) ?? null, role.type, role.seeded ? 'yes' : 'no', 'yes', memberRoles, members.length - memberRoles,
      graph.containersOf(code).length, holders.countDirect(code), effective.get(code) ?? 0,
    ]);
  }
  for (const code of input.model.roleGraphCoverage?.unresolved ?? []) {
    await sheet.addRow([code, catalogue.get(code.toUpperCase()) ?? null, null, code.toUpperCase().startsWith('ORA_') ? 'yes' : 'no', 'no', null, null, null, holders.countDirect(code), holders.countDirect(code)]);
  }
  await sheet.close();
};

export const writeRoleGraphSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, graph: RoleGraphIndex, maxRows?: number): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Role graph', [
    { header: 'Role code', width: 48 }, { header: 'Role name', width: 40 }, { header: 'Role type', width: 12 }, { header: 'Seeded', width: 8 },
    { header: 'Member kind', width: 10 }, { header: 'Member code', width: 48 }, { header: 'Member name', width: 40 },
  ], maxRows);
  for (const edge of graph.graph.edges) {
    const role = graph.getRole(edge.role);
    const memberName = edge.kind === 'role' ? graph.getRole(edge.member)?.name : graph.getPrivilege(edge.member)?.name;
    await sheet.addRow([edge.role, role?.name ?? null, role?.type ?? null, role?.seeded === true ? 'yes' : 'no', edge.kind, edge.member, memberName ?? null]);
  }
  await sheet.close();
};

/** Integration and privileged accounts × every privilege they effectively hold, with the path. */
export const writeEffectiveAccessSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportInput, graph: RoleGraphIndex, maxRows?: number): Promise<void> => {
  const sheet = createSheetWriter(workbook, 'Effective access', [
    { header: 'Username', width: 28 }, { header: 'Privilege code', width: 48 }, { header: 'Privilege name', width: 40 },
    { header: 'Through assigned role', width: 40 }, { header: 'Depth', width: 7 }, { header: 'Path', width: 90 },
  ], maxRows);
  const subjects = getEffectiveAccessSubjects(input.model, input.document.findings);
  for (const account of input.model.accounts) {
    if (!subjects.has(account.key)) continue;
    const access = graph.accessOf(account.roles.map((role) => role.code));
    for (const entry of sortedEntries(access.privileges)) {
      await sheet.addRow([account.username, entry.code, graph.getPrivilege(entry.code)?.name ?? null, entry.path[0] ?? null, entry.path.length - 1, toPathText(entry.path)]);
    }
  }
  await sheet.close();
};
