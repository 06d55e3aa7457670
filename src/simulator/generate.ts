import { CAST, CAST_ENDPOINTS, CAST_INTEGRATIONS, SOD_CAST, getCastPlanted, type CastMember } from './cast.ts';
import { DEPARTMENTS, FAMILY_NAMES, GIVEN_NAMES, toTitleCase } from './names.ts';
import { createPrng, type Prng } from './prng.ts';
import { BUSINESS_UNITS, DATA_MODULES, createRoleCatalogue, getDataRoleCode } from './role-catalogue.ts';
import { createSimResources } from './cx-sales.ts';
import { createSimServices } from './services.ts';
import { generateRoleGraph } from './role-graph/generate.ts';
import { applyQuarter, DEFAULT_QUARTER } from './quarters.ts';
import type { PlantedViolation, SimTenant, SimUser } from './types.ts';

export interface GenerateOptions {
  /** Default 42. */
  seed?: number;
  /** Total accounts (default 60, at most 100,000); never fewer than the fixed cast. */
  users?: number;
  /** 1 (default): the tenant as generated; 2: with the quarterly delta of quarters.ts applied. */
  quarter?: number;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_USERS = 60;
export const MAX_USERS = 100_000;

/** Documented test-double password: `sim-` + lower-case username (not a secret). */
export const getSimPassword = (username: string): string => `sim-${username.toLowerCase()}`;

/** Ordinary job personas: [module of their data roles, seeded job roles]. None is privileged. */
const PERSONAS: [module: (typeof DATA_MODULES)[number], jobs: string[]][] = [
  ['GL', ['ORA_GL_GENERAL_ACCOUNTANT_JOB', 'ORA_GL_FINANCIAL_ANALYST_JOB', 'ORA_GL_GENERAL_ACCOUNTING_MANAGER_JOB']],
  ['AP', ['ORA_AP_ACCOUNTS_PAYABLE_SPECIALIST_JOB', 'ORA_AP_ACCOUNTS_PAYABLE_SUPERVISOR_JOB']],
  ['PO', ['ORA_PO_BUYER_JOB', 'ORA_PO_PROCUREMENT_MANAGER_JOB']],
  ['AR', ['ORA_GL_FINANCIAL_ANALYST_JOB', 'ORA_FND_INTERNAL_AUDITOR_JOB']],
  ['CST', ['ORA_CST_COST_ACCOUNTANT_JOB']],
  ['DOO', ['ORA_DOO_ORDER_ADMINISTRATOR_JOB', 'ORA_ZBS_SALES_ADMINISTRATOR_JOB']],
  ['PER', ['ORA_PER_HUMAN_RESOURCE_ANALYST_JOB', 'ORA_PER_HUMAN_RESOURCE_SPECIALIST_JOB']],
];

/** Clean integration role pairs: custom roles of one module each. */
const INTEGRATION_ROLES: string[][] = [
  ['XX_GL_JOURNAL_IMPORT', 'XX_GL_BALANCES_READ'], ['XX_AP_INVOICE_IMPORT'], ['XX_PO_PURCHASE_ORDER_READ'],
  ['XX_AR_RECEIPTS_IMPORT'], ['XX_CST_COST_READ'],
];

/** Roles of an ordinary person: Employee, 1–2 persona jobs, data roles (~10 rows on average, some > 25). */
const getPersonRoles = (prng: Prng): { roles: string[]; department: string } => {
  const personaIndex = prng.int(0, PERSONAS.length - 1);
  const [module, jobs] = PERSONAS[personaIndex]!;
  const roles = new Set<string>(['ORA_PER_EMPLOYEE_ABSTRACT', prng.pick(jobs)]);
  if (prng.next() < 0.4) roles.add(prng.pick(jobs));
  const dataCount = prng.next() < 0.02 ? prng.int(26, 40) : prng.int(4, 10);
  for (let tries = 0; roles.size < dataCount + 2 && tries < dataCount * 4; tries += 1) {
    const dataModule = prng.next() < 0.7 ? module : prng.pick(DATA_MODULES);
    roles.add(getDataRoleCode(dataModule, prng.pick(BUSINESS_UNITS)));
  }
  return { roles: [...roles], department: DEPARTMENTS[personaIndex] ?? 'Finance' };
};

const createUser = (prng: Prng, index: number, member: CastMember, department: string): SimUser => {
  const [given = member.username, family = ''] = member.username.split('.');
  const displayName = member.displayName ?? (member.person ? `${toTitleCase(given)} ${toTitleCase(family)}` : member.username);
  const personNumber = member.person ? String(10_000 + index) : null;
  return {
    userId: 100 + index,
    // The index prefix keeps GUIDs unique whatever the PRNG draws.
    guid: index.toString(16).toUpperCase().padStart(8, '0') + prng.hex(24),
    hcmUsername: member.hcmUsername ?? member.username,
    scimUsername: member.username,
    personId: member.person ? 300_100_000_000_000 + index : null,
    personNumber,
    inHcm: member.inHcm ?? true,
    inScim: member.inScim ?? true,
    suspended: member.suspended ?? false,
    scimActive: member.scimActive ?? true,
    displayName,
    givenName: member.person ? toTitleCase(given) : member.username,
    familyName: member.person ? toTitleCase(family) : 'Integration',
    email: `${member.username.toLowerCase()}@example.com`,
    userCategory: 'DEFAULT',
    worker: personNumber === null ? null : {
      personNumber, manager: index % 7 === 0 ? null : 'CASEY.BROWN', job: department, department, businessUnit: `${department} US`,
    },
    roles: member.roles,
    password: member.password === null ? null : getSimPassword(member.username),
  };
};

/** The SoD plants' account findings (role-graph/plants.ts), as planted violations. */
const getSodPlanted = (tenantGraph: SimTenant['roleGraph']): PlantedViolation[] => tenantGraph.sod
  .filter((plant) => plant.username !== null)
  .map((plant) => ({ ruleId: plant.ruleId, username: plant.username as string, roleCode: null, endpoint: null }));

/**
 * Generates the simulated tenant. Pure and deterministic: the same options give an identical
 * tenant. The fixed cast (see cast.ts) always comes first; the rest are ordinary people plus
 * one clean integration account per 200, so large tenants have realistic role counts, and the
 * segregation-of-duties cast last. `quarter` 2 applies the quarterly delta (quarters.ts).
 */
export const generateTenant = (options: GenerateOptions = {}): SimTenant => {
  const seed = options.seed ?? DEFAULT_SEED;
  const total = Math.min(MAX_USERS, Math.max(CAST.length + SOD_CAST.length, Math.floor(options.users ?? DEFAULT_USERS)));
  const generated = total - SOD_CAST.length;
  const prng = createPrng(seed);
  const users: SimUser[] = CAST.map((member, index) => createUser(prng, index, member, 'Finance'));
  const taken = new Set(CAST.map((member) => member.username));
  const clean = CAST.filter((member) => member.planted === undefined).map((member) => member.username);
  for (let index = CAST.length; index < generated; index += 1) {
    let user: SimUser;
    if (index % 200 === 0) {
      const username = `INT_ETL_${String(index).padStart(6, '0')}`;
      user = createUser(prng, index, { username, person: false, roles: prng.pick(INTEGRATION_ROLES) }, 'Finance');
    } else {
      const base = `${prng.pick(GIVEN_NAMES)}.${prng.pick(FAMILY_NAMES)}`;
      const username = taken.has(base) ? `${base}${index}` : base;
      const { roles, department } = getPersonRoles(prng);
      user = createUser(prng, index, { username, person: true, roles }, department);
      // Every 50th person: HCM returns a title-case spelling, SCIM the upper-case one.
      if (index % 50 === 1) user.hcmUsername = username.split('.').map(toTitleCase).join('.');
    }
    taken.add(user.scimUsername);
    clean.push(user.scimUsername);
    users.push(user);
  }
  const people = users.slice(CAST.length).filter((user) => user.personId !== null);
  // After the generated population and its draws, so adding them changed no earlier account.
  SOD_CAST.forEach((member, offset) => users.push(createUser(prng, generated + offset, member, 'Finance')));
  const services = createSimServices(seed, people);
  const cx = createSimResources(people);
  const roles = createRoleCatalogue();
  const roleGraph = generateRoleGraph(roles);
  return applyQuarter({
    seed,
    quarter: DEFAULT_QUARTER,
    quarterChanges: [],
    auditUser: 'AUDIT_SVC',
    users,
    roles,
    endpoints: CAST_ENDPOINTS.map((endpoint) => ({ ...endpoint, access: { ...endpoint.access } })),
    integrations: CAST_INTEGRATIONS.map((integration) => ({ ...integration, probes: integration.probes.map((probe) => ({ ...probe })) })),
    planted: [...getCastPlanted(), ...getCastPlanted(SOD_CAST), ...getSodPlanted(roleGraph), ...services.planted, ...cx.planted],
    clean: [...clean, ...services.clean, ...cx.clean],
    services: { ...services.services, cx: { resources: cx.resources } },
    roleGraph,
  }, options.quarter ?? DEFAULT_QUARTER);
};
