import { toTitleCase } from './names.ts';
import { createPrng } from './prng.ts';
import type { PlantedViolation, SimServices, SimServiceUser, SimUser } from './types.ts';

/**
 * The adjacent SCIM services of the simulated tenant: a small fixed cast (clean accounts and one
 * planted violation per service rule) plus one clean account per 20 generated people, at most
 * 100 per service. A PRNG of its own keeps the Fusion tenant identical to what it was before
 * services existed for the same seed.
 */
export const IAMS_TENANT = 'demo-pharma';
export const CPQ_VERSION = 'v19';
export const CPQ_EXTENSION = 'urn:ietf:params:scim:schemas:extension:oracle:2.0:CPQ:User';
const MAX_EXTRA = 100;

type Flags = Record<string, boolean>;
const NO_ADMIN: Flags = { isSuperUserPermEnabled: false, isAccessAdminPermEnabled: false, isUserAdminPermEnabled: false, isProxyPermEnabled: false };

interface ServiceCastMember {
  userName: string;
  active?: boolean;
  /** CPQ only: flags sent; null sends no CPQ extension. */
  permissions?: Flags | null;
  userType?: string;
  /** IAMS only: group suffixes the user is a member of. */
  groups?: string[];
  planted?: [ruleId: string, roleCode: string][];
}

const IAMS_CAST: ServiceCastMember[] = [
  { userName: 'casey.brown@example.com', groups: ['lshdme', 'lshdme.admin'] },
  { userName: 'morgan.lee@example.com', groups: ['lshdme'] },
  // Fusion LEE.WONG is suspended and inactive everywhere: a leaver still active in IAMS.
  { userName: 'lee.wong@example.com', groups: ['lshdme', 'clinical'], planted: [['service-account-without-fusion-account', 'IAMS']] },
  { userName: 'nina.patel@example.com', active: false, groups: ['clinical', 'lshdme.admin'], planted: [['iams-inactive-in-groups', 'IAMS']] },
  { userName: 'study.monitor@example.com', groups: ['clinical'], planted: [['service-account-without-fusion-account', 'IAMS']] },
];

const CPQ_CAST: ServiceCastMember[] = [
  { userName: 'casey.brown', permissions: { ...NO_ADMIN, isWebServicesOnly: false } },
  { userName: 'morgan.lee', permissions: { ...NO_ADMIN, isWebServicesOnly: false } },
  { userName: 'INT_CPQ_SYNC', permissions: { ...NO_ADMIN, isWebServicesOnly: true } },
  // The extension is absent: every flag is unknown (null), never assumed false.
  { userName: 'INT_CPQ_LEGACY', permissions: null },
  {
    userName: 'INT_CPQ_ADMIN', permissions: { ...NO_ADMIN, isSuperUserPermEnabled: true, isAccessAdminPermEnabled: true, isWebServicesOnly: false },
    planted: [
      ['cpq-privileged-permission', 'CPQ:isSuperUserPermEnabled'],
      ['cpq-privileged-permission', 'CPQ:isAccessAdminPermEnabled'],
      ['cpq-integration-not-web-services-only', 'CPQ:isWebServicesOnly'],
    ],
  },
  { userName: 'pat.secadmin', permissions: { ...NO_ADMIN, isProxyPermEnabled: true, isWebServicesOnly: false }, planted: [['cpq-privileged-permission', 'CPQ:isProxyPermEnabled']] },
  // Fusion RUTH.MILLER is suspended in HCM (her only source): a leaver still active in CPQ.
  { userName: 'ruth.miller', permissions: { ...NO_ADMIN, isWebServicesOnly: false }, planted: [['service-account-without-fusion-account', 'CPQ']] },
  { userName: 'dev.contractor', permissions: { ...NO_ADMIN, isWebServicesOnly: false }, planted: [['service-account-without-fusion-account', 'CPQ']] },
];

const toServiceUser = (member: ServiceCastMember, id: string, externalId: string | null): SimServiceUser => {
  const local = member.userName.split('@')[0] ?? member.userName;
  const [given = local, family = ''] = local.includes('.') ? local.split('.') : [local, ''];
  return {
    id,
    userName: member.userName,
    externalId,
    givenName: family === '' ? given : toTitleCase(given.toUpperCase()),
    familyName: family === '' ? 'Integration' : toTitleCase(family.toUpperCase()),
    email: member.userName.includes('@') ? member.userName : `${member.userName.toLowerCase()}@example.com`,
    userType: member.userType ?? (member.permissions === undefined ? 'LIVE' : 'FULL_ACCESS'),
    active: member.active ?? true,
    permissions: member.permissions === undefined ? null : member.permissions === null ? null : { ...member.permissions },
  };
};

const toPlanted = (cast: ServiceCastMember[]): PlantedViolation[] =>
  cast.flatMap((member) => (member.planted ?? []).map(([ruleId, roleCode]) => ({ ruleId, username: member.userName, roleCode, endpoint: null })));

/** Services for a generated tenant: `people` are the generated (non-cast) person accounts, all active. */
export const createSimServices = (seed: number, people: readonly SimUser[]): { services: Omit<SimServices, 'cx'>; planted: PlantedViolation[]; clean: string[] } => {
  const prng = createPrng((seed ^ 0x5e41ce) >>> 0);
  const extras = people.filter((_, index) => index % 20 === 0).slice(0, MAX_EXTRA);
  const iamsCast = IAMS_CAST.map((member) => ({ member, user: toServiceUser(member, prng.hex(32).toLowerCase(), null) }));
  const iamsExtra = extras.map((person) => toServiceUser({ userName: person.email }, prng.hex(32).toLowerCase(), person.personNumber === null ? null : `EMP-${person.personNumber}`));
  const cpqCast = CPQ_CAST.map((member, index) => toServiceUser(member, String(4_135_000 + index), null));
  const cpqExtra = extras.map((person, index) =>
    toServiceUser({ userName: person.scimUsername.toLowerCase(), permissions: { ...NO_ADMIN, isWebServicesOnly: false } }, String(4_136_000 + index), null));
  const group = (suffix: string): string => `${IAMS_TENANT}.${suffix}`;
  const members = (suffix: string): string[] => iamsCast.filter(({ member }) => member.groups?.includes(suffix) === true).map(({ user }) => user.id);
  const groups = [
    { id: group('lshdme'), members: [...members('lshdme'), ...iamsExtra.filter((_, i) => i % 2 === 0).map((user) => user.id)] },
    { id: group('lshdme.admin'), members: members('lshdme.admin') },
    { id: group('clinical'), members: [...members('clinical'), ...iamsExtra.filter((_, i) => i % 2 === 1).map((user) => user.id)] },
    // A group with no members at all (an edge case the collector must survive).
    { id: group('archive'), members: [] },
  ];
  const services: Omit<SimServices, 'cx'> = {
    iams: { tenant: IAMS_TENANT, admin: { username: 'iams.audit@example.com', password: 'sim-iams.audit@example.com' }, users: [...iamsCast.map(({ user }) => user), ...iamsExtra], groups },
    cpq: { version: CPQ_VERSION, admin: { username: 'cpq_audit', password: 'sim-cpq_audit' }, users: [...cpqCast, ...cpqExtra] },
  };
  const cast = [...IAMS_CAST, ...CPQ_CAST];
  const clean = [
    ...cast.filter((member) => member.planted === undefined).map((member) => member.userName),
    ...iamsExtra.map((user) => user.userName),
    ...cpqExtra.map((user) => user.userName),
  ];
  return { services, planted: [...toPlanted(IAMS_CAST), ...toPlanted(CPQ_CAST)], clean };
};
