import type { PlantedViolation, SimResource, SimUser } from './types.ts';

/**
 * The CX Sales resources of a simulated tenant (oracle-reference §11): a fixed cast covering each
 * matching and date case, plus a clean resource for every tenth generated person (at most 200).
 * Dates are fixed far from today, so the tenant stays the same whatever day tests run.
 */
interface ResourceCastMember {
  /** CX Username; null: the resource has no user name (only its email can match). */
  username: string | null;
  email: string;
  partyName: string;
  start?: string;
  end?: string | null;
  deleted?: boolean;
  orgRoleCode?: string;
  planted?: string;
  /** false: neither planted nor clean (the Fusion account has planted findings of its own). */
  clean?: false;
}

const LEAVER = 'cx-resource-of-leaver';
const NO_ACCOUNT = 'cx-resource-without-fusion-account';
const MAX_EXTRA = 200;

const CX_CAST: ResourceCastMember[] = [
  { username: 'CASEY.BROWN', email: 'casey.brown@example.com', partyName: 'Casey Brown', orgRoleCode: 'SALES_MANAGER' },
  // Username differs from the Fusion one: matched by email (and recorded as such), MORGAN.LEE is active.
  { username: 'mlee_sales', email: 'morgan.lee@example.com', partyName: 'Morgan Lee' },
  // Suspended in HCM and inactive in SCIM: a leaver still on sales teams.
  { username: 'lee.wong', email: 'lee.wong@example.com', partyName: 'Lee Wong', planted: LEAVER },
  // Suspended in HCM, still active in SCIM: the sources disagree, and that must not hide a leaver.
  { username: 'OMAR.HADDAD', email: 'omar.haddad@example.com', partyName: 'Omar Haddad', planted: LEAVER },
  // No Username; inactive in SCIM only: found by email, still a leaver.
  { username: null, email: 'nina.patel@example.com', partyName: 'Nina Patel', planted: LEAVER },
  // Nobody in Fusion by that name or email.
  { username: 'pat.fieldrep', email: 'pat.fieldrep@partner.example.com', partyName: 'Pat Fieldrep', planted: NO_ACCOUNT },
  // Future-dated and end-dated resources are not active: no finding although neither person is in Fusion as active.
  { username: 'RUTH.MILLER', email: 'ruth.miller@example.com', partyName: 'Ruth Miller', start: '2099-01-01', clean: false },
  { username: 'new.hire', email: 'new.hire@example.com', partyName: 'New Hire', start: '2099-06-01' },
  { username: 'SARA.NGUYEN', email: 'sara.nguyen@example.com', partyName: 'Sara Nguyen', start: '2018-01-01', end: '2020-06-30', clean: false },
  // Marked deleted (DeleteFlag) with an open window: not active.
  { username: 'old.rep', email: 'old.rep@example.com', partyName: 'Old Rep', deleted: true },
];

const toResource = (member: ResourceCastMember, index: number): SimResource => ({
  profileId: 300_000_100_000 + index,
  partyId: 300_000_200_000 + index,
  partyNumber: `CDRM_${10_000 + index}`,
  partyName: member.partyName,
  username: member.username,
  email: member.email,
  startDate: member.start ?? '2019-03-01',
  endDate: member.end ?? null,
  organizationId: 300_000_900_001 + (index % 3),
  orgRoleCode: member.orgRoleCode ?? 'SALES_REPRESENTATIVE',
  deleted: member.deleted ?? false,
});

/** Resources for a generated tenant; `people` are the generated (non-cast) person accounts, all active. */
export const createSimResources = (people: readonly SimUser[]): { resources: SimResource[]; planted: PlantedViolation[]; clean: string[] } => {
  const extras = people.filter((_, index) => index % 10 === 3).slice(0, MAX_EXTRA)
    .map((person): ResourceCastMember => ({ username: person.scimUsername, email: person.email, partyName: person.displayName }));
  const all = [...CX_CAST, ...extras];
  const shown = (member: ResourceCastMember): string => member.username ?? member.email;
  return {
    resources: all.map(toResource),
    planted: all.filter((member) => member.planted !== undefined)
      .map((member) => ({ ruleId: member.planted!, username: shown(member), roleCode: 'CX', endpoint: null })),
    clean: all.filter((member) => member.planted === undefined && member.clean !== false).map(shown),
  };
};
