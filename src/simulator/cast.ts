import type { PlantedViolation, ProbeBehaviour, SimEndpoint, SimIntegration } from './types.ts';

/**
 * The fixed cast of every simulated tenant: the audit account, clean integrations, the edge
 * cases the collectors must survive, and one or more planted violations of every agreed rule.
 * `planted` lists exactly what the default policy pack must emit for each member.
 */
export interface CastMember {
  username: string;
  /** HCM spelling when it differs from SCIM's (case only). */
  hcmUsername?: string;
  person: boolean;
  roles: string[];
  suspended?: boolean;
  scimActive?: boolean;
  inHcm?: boolean;
  inScim?: boolean;
  displayName?: string;
  /** null: the account cannot sign in (probes get 401). */
  password?: null;
  planted?: [ruleId: string, roleCode: string | null, endpoint: string | null][];
}

const FSCM = '/fscmRestApi/resources/11.13.18.05';
export const PROBE_PATHS = {
  journals: `${FSCM}/journals`,
  invoices: `${FSCM}/invoices`,
  purchaseOrders: `${FSCM}/purchaseOrders`,
  suppliers: `${FSCM}/suppliers`,
  receivables: `${FSCM}/receivablesInvoices`,
  ledgerBalances: `${FSCM}/ledgerBalances`,
  workers: '/hcmRestApi/resources/11.13.18.05/workers',
} as const;

/** Thirty extra data roles so one account needs nested-child paging (> 25 roles). */
const MANY_DATA_ROLES = ['GL', 'AP', 'PO'].flatMap((m) => ['US', 'UK', 'DE', 'FR', 'JP', 'AU', 'CA', 'IN', 'BR', 'MX'].map((u) => `XX_${m}_${u}_DATA`));
const EMPLOYEE = 'ORA_PER_EMPLOYEE_ABSTRACT';

export const CAST: CastMember[] = [
  // Clean: the audit account, proper integrations, ordinary people with edge-case shapes.
  { username: 'AUDIT_SVC', person: false, roles: ['XX_FND_AUDIT_READ_ONLY'] },
  { username: 'INT_OIC_GL', person: false, roles: ['XX_GL_JOURNAL_IMPORT'] },
  { username: 'INT_OIC_AP', person: false, roles: ['XX_AP_INVOICE_IMPORT'] },
  { username: 'CASEY.BROWN', hcmUsername: 'Casey.Brown', person: true, roles: [EMPLOYEE, 'ORA_GL_GENERAL_ACCOUNTANT_JOB', 'XX_GL_US_DATA'] },
  { username: 'INTERN.JOE', person: true, roles: [EMPLOYEE, 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', 'XX_AP_US_DATA'] },
  { username: 'MORGAN.LEE', person: true, roles: [EMPLOYEE, 'ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_GL_FINANCIAL_ANALYST_JOB', ...MANY_DATA_ROLES] },
  { username: 'RILEY.CHEN', person: true, roles: [EMPLOYEE, 'ORA_PO_BUYER_JOB', ...MANY_DATA_ROLES.slice(0, 25)] },
  { username: 'DANA.WHITE', person: true, displayName: '+SUM(1)', roles: [EMPLOYEE, 'ORA_PO_BUYER_JOB', 'XX_PO_US_DATA'] },
  { username: 'ALEX.KIM', person: true, displayName: '@cmd', roles: [EMPLOYEE, 'ORA_CST_COST_ACCOUNTANT_JOB'] },
  { username: 'JORDAN.DIAZ', person: true, displayName: '-1+2', roles: [EMPLOYEE, 'ORA_GL_FINANCIAL_ANALYST_JOB'] },
  // Planted violations.
  {
    username: 'INT_OIC_ALL', person: false,
    roles: ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB', 'ORA_FND_INTEGRATION_SPECIALIST_JOB'],
    planted: [
      ['integration-seeded-role', 'ORA_GL_GENERAL_ACCOUNTANT_JOB', null],
      ['integration-seeded-role', 'ORA_AP_ACCOUNTS_PAYABLE_MANAGER_JOB', null],
      ['integration-seeded-role', 'ORA_FND_INTEGRATION_SPECIALIST_JOB', null],
      ['integration-one-module', null, null],
    ],
  },
  {
    username: 'INT_OIC_SPAN', person: false, roles: ['XX_GL_JOURNAL_IMPORT', 'XX_AP_INVOICE_IMPORT', 'XX_PO_PURCHASE_ORDER_READ'],
    planted: [['integration-one-module', null, null]],
  },
  {
    username: 'INT_SCIM_SYNC', person: false, roles: ['ORA_FND_IT_SECURITY_MANAGER_JOB'],
    planted: [
      ['integration-seeded-role', 'ORA_FND_IT_SECURITY_MANAGER_JOB', null],
      ['privileged-role-assignment', 'ORA_FND_IT_SECURITY_MANAGER_JOB', null],
    ],
  },
  {
    username: 'JOHN.SMITH', person: true, roles: [EMPLOYEE, 'XX_GL_JOURNAL_IMPORT'],
    planted: [['integration-dedicated-account', null, null], ['integration-seeded-role', EMPLOYEE, null]],
  },
  { username: 'OIC_INTEGRATION', person: false, roles: ['XX_GL_JOURNAL_IMPORT'], planted: [['integration-dedicated-account', null, null]] },
  {
    username: 'INT_OIC_PO', person: false, roles: ['XX_PO_PURCHASE_ORDER_READ'],
    planted: [
      ['probe-data-security-missing', null, PROBE_PATHS.purchaseOrders],
      ['probe-function-security-missing', null, PROBE_PATHS.suppliers],
      ['probe-access-beyond-need', null, PROBE_PATHS.workers],
      ['probe-count-regression', null, PROBE_PATHS.invoices],
      ['probe-error', null, PROBE_PATHS.receivables],
    ],
  },
  // Its demo password is wrong (see demo-config.ts): the probe gets 401.
  { username: 'INT_BI_EXTRACT', person: false, roles: ['XX_GL_BALANCES_READ'], planted: [['probe-unauthenticated', null, PROBE_PATHS.ledgerBalances]] },
  { username: 'INT_HCM_LOAD', person: false, roles: ['XX_PER_WORKER_LOAD'], password: null, planted: [['probe-unauthenticated', null, PROBE_PATHS.workers]] },
  {
    username: 'PAT.SECADMIN', person: true, displayName: '=HYPERLINK("http://evil.example/x","click")',
    roles: [EMPLOYEE, 'ORA_FND_IT_SECURITY_MANAGER_JOB'], planted: [['privileged-role-assignment', 'ORA_FND_IT_SECURITY_MANAGER_JOB', null]],
  },
  {
    username: 'IRIS.KOVAC', person: true, roles: [EMPLOYEE, 'ORA_FUN_FINANCIAL_APPLICATION_ADMINISTRATOR_JOB'],
    planted: [['privileged-role-assignment', 'ORA_FUN_FINANCIAL_APPLICATION_ADMINISTRATOR_JOB', null]],
  },
  {
    username: 'LEE.WONG', person: true, displayName: '<img src=http://127.0.0.1:9/x onerror=alert(1)>', suspended: true, scimActive: false,
    roles: [EMPLOYEE, 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', 'XX_AP_UK_DATA'], planted: [['inactive-account-with-roles', null, null]],
  },
  {
    username: 'NINA.PATEL', person: true, scimActive: false, roles: [EMPLOYEE, 'ORA_GL_FINANCIAL_ANALYST_JOB'],
    planted: [['inactive-account-with-roles', null, null], ['sources-disagree', null, null]],
  },
  {
    username: 'OMAR.HADDAD', person: true, suspended: true, roles: [EMPLOYEE, 'ORA_PO_BUYER_JOB'],
    planted: [['inactive-account-with-roles', null, null], ['sources-disagree', null, null]],
  },
  { username: 'TOM.BAKER', person: true, inScim: false, roles: [EMPLOYEE, 'ORA_CST_COST_ACCOUNTANT_JOB'], planted: [['sources-disagree', null, null]] },
  {
    username: 'RUTH.MILLER', person: true, inScim: false, suspended: true, roles: [EMPLOYEE, 'ORA_DOO_ORDER_ADMINISTRATOR_JOB'],
    planted: [['inactive-account-with-roles', null, null], ['sources-disagree', null, null]],
  },
  { username: 'KEVIN.OBRIEN', person: true, inHcm: false, roles: [EMPLOYEE, 'ORA_PER_HUMAN_RESOURCE_ANALYST_JOB'], planted: [['sources-disagree', null, null]] },
  {
    username: 'SARA.NGUYEN', person: true, inHcm: false, scimActive: false, roles: [EMPLOYEE, 'ORA_ZBS_SALES_ADMINISTRATOR_JOB'],
    planted: [['inactive-account-with-roles', null, null], ['sources-disagree', null, null]],
  },
  // Role-graph cases (role-graph/plants.ts): clean on direct roles, violations only through the
  // graph. `planted: []` keeps them off the clean list; GRAPH_PLANTS says what the graph rules find.
  { username: 'INT_OIC_GLCOPY', person: false, roles: ['XX_INT_GL'], planted: [] },
  { username: 'INT_OIC_HELPDESK', person: false, roles: ['XX_INT_SUPPORT'], planted: [] },
  { username: 'MAYA.ROSS', person: true, roles: [EMPLOYEE, 'XX_AP_SPECIALIST_COPY', 'XX_AP_US_DATA'], planted: [] },
  { username: 'QUINN.FOSTER', person: true, roles: [EMPLOYEE, 'XX_REPORTING_A'] },
];

/**
 * Segregation-of-duties cases (role-graph/plants.ts SOD_PLANTS says what the SoD rules find, with
 * paths): each pair of policies/segregation-of-duties.yaml held through two roles and inside one
 * custom role. They come AFTER the generated population (generate.ts), so adding them left every
 * earlier account as it was; given names outside names.ts, so no generated person is renamed.
 */
export const SOD_CAST: CastMember[] = [
  { username: 'GRACE.HOLT', person: true, roles: [EMPLOYEE, 'ORA_PO_BUYER_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB'], planted: [] },
  { username: 'HENRY.PARK', person: true, roles: [EMPLOYEE, 'XX_PROCURE_TO_PAY'], planted: [] },
  { username: 'IVY.MORENO', person: true, roles: [EMPLOYEE, 'XX_SUPPLIER_MASTER', 'ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB'], planted: [] },
  { username: 'JAMES.ABARA', person: true, roles: [EMPLOYEE, 'XX_SUPPLIER_INVOICE'], planted: [] },
  {
    username: 'KARL.VOSS', person: true, roles: [EMPLOYEE, 'ORA_FND_IT_SECURITY_MANAGER_JOB', 'ORA_PO_BUYER_JOB'],
    planted: [['privileged-role-assignment', 'ORA_FND_IT_SECURITY_MANAGER_JOB', null]],
  },
  { username: 'LINDA.ORTIZ', person: true, roles: [EMPLOYEE, 'XX_FINANCE_SUPERUSER'], planted: [] },
];

/** What the demo config lists under `integrations` (JOHN.SMITH and OIC_INTEGRATION are the planted misuses). */
export const CAST_INTEGRATIONS: SimIntegration[] = [
  { username: 'INT_OIC_GL', probes: [{ path: PROBE_PATHS.journals, expect: 'rows', minCount: 100 }, { path: PROBE_PATHS.workers, expect: 'denied' }] },
  { username: 'INT_OIC_AP', probes: [{ path: PROBE_PATHS.invoices, expect: 'rows', minCount: 1000 }] },
  { username: 'INT_OIC_ALL', probes: [{ path: PROBE_PATHS.journals, expect: 'rows' }] },
  { username: 'JOHN.SMITH', probes: [{ path: PROBE_PATHS.journals, expect: 'rows' }] },
  { username: 'OIC_INTEGRATION', probes: [] },
  {
    username: 'INT_OIC_PO',
    probes: [
      { path: PROBE_PATHS.purchaseOrders, expect: 'rows' },
      { path: PROBE_PATHS.suppliers, expect: 'rows' },
      { path: PROBE_PATHS.workers, expect: 'denied' },
      { path: PROBE_PATHS.invoices, expect: 'rows', minCount: 5000 },
      { path: PROBE_PATHS.receivables, expect: 'rows' },
    ],
  },
  { username: 'INT_BI_EXTRACT', probes: [{ path: PROBE_PATHS.ledgerBalances, expect: 'rows' }] },
  { username: 'INT_HCM_LOAD', probes: [{ path: PROBE_PATHS.workers, expect: 'rows' }] },
];

const endpoint = (path: string, totalRows: number, access: Record<string, ProbeBehaviour>): SimEndpoint => ({ path, totalRows, access });

/** Probe endpoints; callers not listed get 403. */
export const CAST_ENDPOINTS: SimEndpoint[] = [
  endpoint(PROBE_PATHS.journals, 2500, { INT_OIC_GL: 'rows', INT_OIC_ALL: 'rows', 'JOHN.SMITH': 'rows' }),
  endpoint(PROBE_PATHS.invoices, 1200, { INT_OIC_AP: 'rows', INT_OIC_PO: 'rows' }),
  endpoint(PROBE_PATHS.purchaseOrders, 800, { INT_OIC_PO: 'empty' }),
  endpoint(PROBE_PATHS.suppliers, 300, {}),
  endpoint(PROBE_PATHS.receivables, 50, { INT_OIC_PO: 'error' }),
  endpoint(PROBE_PATHS.ledgerBalances, 400, { INT_BI_EXTRACT: 'rows' }),
  endpoint(PROBE_PATHS.workers, 5000, { INT_OIC_PO: 'rows', INT_HCM_LOAD: 'rows' }),
];

export const getCastPlanted = (cast: readonly CastMember[] = CAST): PlantedViolation[] =>
  cast.flatMap((member) => (member.planted ?? []).map(([ruleId, roleCode, endpointPath]) =>
    ({ ruleId, username: member.username, roleCode, endpoint: endpointPath })));
