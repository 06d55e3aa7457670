import { getStableHash } from './prng.ts';
import type { SimRole } from './types.ts';
import { GRAPH_CUSTOM_ROLES, SOD_CUSTOM_ROLES } from './role-graph/plants.ts';

/**
 * The roles the simulated tenant knows. Seeded codes come ONLY from oracle-reference.md
 * §4.1–4.3 (never the invented codes of §4.4); everything else is a custom `XX_` role.
 */
const SEEDED: [code: string, name: string, category: string][] = [
  // §4.1 out-of-box service-account roles (broad)
  ['ORA_FND_IT_SECURITY_MANAGER_JOB', 'IT Security Manager', 'JOB'],
  ['ORA_ASM_APPLICATION_IMPLEMENTATION_CONSULTANT_JOB', 'Application Implementation Consultant', 'JOB'],
  ['ORA_FND_INTEGRATION_SPECIALIST_JOB', 'Integration Specialist', 'JOB'],
  ['ORA_FND_DIAG_ADMINISTRATOR_JOB', 'Application Diagnostics Administrator', 'JOB'],
  ['ORA_PER_HUMAN_RESOURCE_SPECIALIST_JOB', 'Human Resource Specialist', 'JOB'],
  ['ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_INTEGRATION_SPECIALIST_JOB', 'Human Capital Management Integration Specialist', 'JOB'],
  ['ORA_HRC_HUMAN_CAPITAL_MANAGEMENT_APPLICATION_ADMINISTRATOR_JOB', 'Human Capital Management Application Administrator', 'JOB'],
  ['ORA_GTG_ACCESS_REQUEST_SECURITY_ADMINISTRATOR_JOB', 'Access Request Security Administrator', 'JOB'],
  // §4.2 other documented codes
  ['ORA_FUN_FINANCIAL_APPLICATION_ADMINISTRATOR_JOB', 'Financial Application Administrator', 'JOB'],
  ['ORA_GL_GENERAL_ACCOUNTING_MANAGER_JOB', 'General Accounting Manager', 'JOB'],
  ['ORA_GL_FINANCIAL_ANALYST_JOB', 'Financial Analyst', 'JOB'],
  ['ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB', 'Accounts Payable Manager', 'JOB'],
  ['ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB', 'Accounts Payable Supervisor', 'JOB'],
  ['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', 'Accounts Payable Specialist', 'JOB'],
  ['ORA_DOO_ORDER_ADMINISTRATOR_JOB', 'Order Administrator', 'JOB'],
  ['ORA_CST_COST_ACCOUNTANT_JOB', 'Cost Accountant', 'JOB'],
  ['ORA_ZBS_SALES_ADMINISTRATOR_JOB', 'Sales Administrator', 'JOB'],
  ['ORA_PER_HUMAN_RESOURCE_ANALYST_JOB', 'Human Resource Analyst', 'JOB'],
  ['ORA_PER_EMPLOYEE_ABSTRACT', 'Employee', 'ABSTRACT'],
  // §4.3 third-party-only codes (names confirmed by Oracle)
  ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'General Accountant', 'JOB'],
  ['ORA_PO_PROCUREMENT_MANAGER_JOB', 'Procurement Manager', 'JOB'],
  ['ORA_PO_BUYER_JOB', 'Buyer', 'JOB'],
  ['ORA_FUN_FINANCIAL_INTEGRATION_SPECIALIST_JOB', 'Financial Integration Specialist', 'JOB'],
  ['ORA_PJF_PROJECT_INTEGRATION_SPECIALIST_JOB', 'Project Integration Specialist', 'JOB'],
  ['ORA_FND_INTERNAL_AUDITOR_JOB', 'Internal Auditor', 'JOB'],
];

/** Custom least-privilege copies used by integrations and the audit account. */
const CUSTOM_JOBS: [code: string, name: string][] = [
  ['XX_FND_AUDIT_READ_ONLY', 'Audit Read Only (user accounts REST + SCIM identity read)'],
  ['XX_GL_JOURNAL_IMPORT', 'GL Journal Import'],
  ['XX_GL_BALANCES_READ', 'GL Balances Read'],
  ['XX_AP_INVOICE_IMPORT', 'AP Invoice Import'],
  ['XX_PO_PURCHASE_ORDER_READ', 'Purchase Order Read'],
  ['XX_PER_WORKER_LOAD', 'Worker Load'],
  ['XX_AR_RECEIPTS_IMPORT', 'AR Receipts Import'],
  ['XX_CST_COST_READ', 'Cost Read'],
];

/** Data-role modules × business units: the bulk of an ordinary person's role rows. */
export const DATA_MODULES = ['GL', 'AP', 'PO', 'AR', 'CST', 'DOO', 'PER'] as const;
export const BUSINESS_UNITS = ['US', 'UK', 'DE', 'FR', 'JP', 'AU', 'CA', 'IN', 'BR', 'MX'] as const;

/** Roles that may read userAccounts and SCIM in the simulator (the audit role and IT Security Manager). */
export const IDENTITY_READ_ROLES: ReadonlySet<string> = new Set(['XX_FND_AUDIT_READ_ONLY', 'ORA_FND_IT_SECURITY_MANAGER_JOB']);

export const getDataRoleCode = (module: string, unit: string): string => `XX_${module}_${unit}_DATA`;

const toScimId = (code: string): string =>
  [code, `${code}#1`, `${code}#2`, `${code}#3`].map((part) => getStableHash(part).toString(16).toUpperCase().padStart(8, '0')).join('');

export const createRoleCatalogue = (): SimRole[] => {
  const rows: [string, string, string][] = [
    ...SEEDED,
    ...CUSTOM_JOBS.map(([code, name]): [string, string, string] => [code, name, 'JOB']),
    ...DATA_MODULES.flatMap((module) => BUSINESS_UNITS.map((unit): [string, string, string] =>
      [getDataRoleCode(module, unit), `${module} Data Access ${unit}`, 'DATA'])),
    // Last, so the role ids above stay what they were before the role graph (then the SoD plants) existed.
    ...[...GRAPH_CUSTOM_ROLES, ...SOD_CUSTOM_ROLES].filter(([, , type]) => type === 'Job').map(([code, name]): [string, string, string] => [code, name, 'JOB']),
  ];
  return rows.map(([code, name, category], index) => ({ code, name, category, roleId: 5000 + index, id: toScimId(code) }));
};
