import type { SimGraphPlant, SimSodPlant } from './types.ts';

/**
 * The inheritance cases the simulated graph plants on purpose (issue 8), with the cast accounts
 * that hold them (cast.ts). Names carry commas, quotes, `=` and `<` so the CSV path is exercised.
 * More plants go in their own lists beside these: segregation of duties below, the second
 * quarter in ../quarters.ts.
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

/**
 * Segregation of duties (policies/segregation-of-duties.yaml): each pair held through two roles
 * and inside one custom role, by the cast accounts of cast.ts (SOD_CAST). The custom roles hold
 * privileges and duties the second quarter (../quarters.ts) does not change, so these findings and
 * their paths are the same in both quarters (quarter 2 adds findings of its own).
 */
export const SOD_CUSTOM_ROLES: [string, string, string][] = [
  ['XX_SUPPLIER_MASTER', 'Supplier Master Data, "maintain"', 'Job'],
  ['XX_PROCURE_TO_PAY', 'Procure to Pay <all-in-one>', 'Job'],
  ['XX_SUPPLIER_INVOICE', '=Supplier and Invoice, "combined"', 'Job'],
  ['XX_FINANCE_SUPERUSER', 'Finance Superuser <temporary>', 'Job'],
];

export const SOD_CUSTOM_MEMBERS: [string, string[]][] = [
  // The privilege itself (not the supplier duty), so its path stays the shortest in quarter 2 too.
  ['XX_SUPPLIER_MASTER', ['POZ_MAINTAIN_SUPPLIER_PRIV']],
  ['XX_PROCURE_TO_PAY', ['ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY', 'AP_CREATE_PAYABLES_INVOICE_PRIV']],
  ['XX_SUPPLIER_INVOICE', ['POZ_MAINTAIN_SUPPLIER_PRIV', 'AP_CREATE_PAYABLES_INVOICE_PRIV']],
  ['XX_FINANCE_SUPERUSER', ['ORA_PER_USER_ROLE_MANAGEMENT_DUTY', 'PO_CREATE_PURCHASE_ORDER_PRIV']],
];

const PO = ['ORA_PO_PURCHASE_ORDER_MANAGEMENT_DUTY', 'PO_CREATE_PURCHASE_ORDER_PRIV'];
const AP = ['ORA_AP_PAYABLES_INVOICE_CREATION_DUTY', 'AP_CREATE_PAYABLES_INVOICE_PRIV'];
const side = (path: string[]): { code: string; path: string[] } => ({ code: path[path.length - 1] as string, path });

/** What the SoD rules must find: per account (or role, username null) each side's code and its path. */
export const SOD_PLANTS: SimSodPlant[] = [
  // Purchase order creation vs payables invoice entry.
  { ruleId: 'sod-purchase-order-vs-invoice', username: 'GRACE.HOLT', insideRole: null, sides: [side(['ORA_PO_BUYER_JOB', ...PO]), side(['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', ...AP])] },
  { ruleId: 'sod-purchase-order-vs-invoice', username: 'HENRY.PARK', insideRole: 'XX_PROCURE_TO_PAY', sides: [side(['XX_PROCURE_TO_PAY', ...PO]), side(['XX_PROCURE_TO_PAY', 'AP_CREATE_PAYABLES_INVOICE_PRIV'])] },
  { ruleId: 'sod-purchase-order-vs-invoice', username: null, insideRole: 'XX_PROCURE_TO_PAY', sides: [side(['XX_PROCURE_TO_PAY', ...PO]), side(['XX_PROCURE_TO_PAY', 'AP_CREATE_PAYABLES_INVOICE_PRIV'])] },
  // Supplier maintenance vs payables invoice entry.
  {
    ruleId: 'sod-supplier-vs-invoice', username: 'IVY.MORENO', insideRole: null,
    sides: [side(['XX_SUPPLIER_MASTER', 'POZ_MAINTAIN_SUPPLIER_PRIV']), side(['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', ...AP])],
  },
  { ruleId: 'sod-supplier-vs-invoice', username: 'JAMES.ABARA', insideRole: 'XX_SUPPLIER_INVOICE', sides: [side(['XX_SUPPLIER_INVOICE', 'POZ_MAINTAIN_SUPPLIER_PRIV']), side(['XX_SUPPLIER_INVOICE', 'AP_CREATE_PAYABLES_INVOICE_PRIV'])] },
  { ruleId: 'sod-supplier-vs-invoice', username: null, insideRole: 'XX_SUPPLIER_INVOICE', sides: [side(['XX_SUPPLIER_INVOICE', 'POZ_MAINTAIN_SUPPLIER_PRIV']), side(['XX_SUPPLIER_INVOICE', 'AP_CREATE_PAYABLES_INVOICE_PRIV'])] },
  // Security administration vs finance transactions (a side may be a role, held directly).
  { ruleId: 'sod-security-admin-vs-finance', username: 'KARL.VOSS', insideRole: null, sides: [side(['ORA_FND_IT_SECURITY_MANAGER_JOB']), side(['ORA_PO_BUYER_JOB', ...PO])] },
  {
    ruleId: 'sod-security-admin-vs-finance', username: 'LINDA.ORTIZ', insideRole: 'XX_FINANCE_SUPERUSER',
    sides: [side(['XX_FINANCE_SUPERUSER', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY']), side(['XX_FINANCE_SUPERUSER', 'PO_CREATE_PURCHASE_ORDER_PRIV'])],
  },
  {
    ruleId: 'sod-security-admin-vs-finance', username: null, insideRole: 'XX_FINANCE_SUPERUSER',
    sides: [side(['XX_FINANCE_SUPERUSER', 'ORA_PER_USER_ROLE_MANAGEMENT_DUTY']), side(['XX_FINANCE_SUPERUSER', 'PO_CREATE_PURCHASE_ORDER_PRIV'])],
  },
];
