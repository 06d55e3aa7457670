import type { SimGraphPlant } from './types.ts';

/**
 * The inheritance cases the simulated graph plants on purpose (issue 8), with the cast accounts
 * that hold them (cast.ts). Names carry commas, quotes, `=` and `<` so the CSV path is exercised.
 * More plants (segregation of duties, a second quarter) go in their own lists beside these.
 */

/** Custom roles only the graph cases use: [code, name, type]. Also in the SCIM role catalogue. */
export const GRAPH_CUSTOM_ROLES: [string, string, string][] = [
  // Wrapper pattern ("Copy top role"): the copy keeps inheriting the seeded job.
  ['XX_INT_GL', 'INT GL, "copy" of General Accountant', 'Job'],
  ['XX_AP_SPECIALIST_COPY', 'AP Specialist =copy <top role>', 'Job'],
  // User and role administration three custom roles deep (the duty is the fourth level).
  ['XX_INT_SUPPORT', 'Integration Support <L1>', 'Job'],
  ['XX_SUPPORT_TOOLS', 'Support Tools, shared', 'Duty'],
  ['XX_USER_ADMIN_HELPER', 'User Admin Helper "temporary"', 'Duty'],
  // Two custom roles that inherit each other (a cycle the walk must survive).
  ['XX_REPORTING_A', '=Reporting <all ledgers>', 'Job'],
  ['XX_REPORTING_B', 'Reporting B, "mirror"', 'Job'],
];

/** Their direct members: [role, members] (a member ending in _PRIV is a privilege). */
export const GRAPH_CUSTOM_MEMBERS: [string, string[]][] = [
  ['XX_INT_GL', ['ORA_GL_GENERAL_ACCOUNTANT_JOB']],
  ['XX_AP_SPECIALIST_COPY', ['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB']],
  ['XX_INT_SUPPORT', ['XX_SUPPORT_TOOLS']],
  ['XX_SUPPORT_TOOLS', ['FND_VIEW_AUDIT_HISTORY_PRIV', 'XX_USER_ADMIN_HELPER']],
  ['XX_USER_ADMIN_HELPER', ['ORA_PER_USER_ROLE_MANAGEMENT_DUTY']],
  ['XX_REPORTING_A', ['GL_RUN_TRIAL_BALANCE_REPORT_PRIV', 'XX_REPORTING_B']],
  ['XX_REPORTING_B', ['XX_REPORTING_A']],
];

export const GRAPH_CYCLES: string[][] = [['XX_REPORTING_A', 'XX_REPORTING_B']];

/** A generated data role assigned to accounts (MORGAN.LEE) that the report does not return. */
export const GRAPH_ABSENT_ROLES: string[] = ['XX_PO_MX_DATA'];

/** What evaluation over the graph must find (the evaluation rules of issue 8). */
export const GRAPH_PLANTS: SimGraphPlant[] = [
  { ruleId: 'integration-seeded-role', username: 'INT_OIC_GLCOPY', code: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', path: ['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'] },
  { ruleId: 'custom-role-wraps-seeded-role', username: null, code: 'XX_INT_GL', path: ['XX_INT_GL', 'ORA_GL_GENERAL_ACCOUNTANT_JOB'] },
  { ruleId: 'custom-role-wraps-seeded-role', username: null, code: 'XX_AP_SPECIALIST_COPY', path: ['XX_AP_SPECIALIST_COPY', 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB'] },
  {
    ruleId: 'privileged-privilege', username: 'INT_OIC_HELPDESK', code: 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY',
    path: ['XX_INT_SUPPORT', 'XX_SUPPORT_TOOLS', 'XX_USER_ADMIN_HELPER', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY'],
  },
];
