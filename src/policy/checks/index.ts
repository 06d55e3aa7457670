import { cpqPermissionsCheck } from './cpq-permissions.ts';
import { cpqWebServicesOnlyCheck } from './cpq-web-services-only.ts';
import { cxResourceMatchCheck } from './cx-resource-match.ts';
import { dedicatedAccountCheck } from './dedicated-account.ts';
import { iamsInactiveGroupsCheck } from './iams-inactive-groups.ts';
import { inactiveWithRolesCheck } from './inactive-with-roles.ts';
import { oneModuleCheck } from './one-module.ts';
import { privilegedPrivilegesCheck } from './privileged-privileges.ts';
import { privilegedRolesCheck } from './privileged-roles.ts';
import { probeMinCountCheck } from './probe-min-count.ts';
import { probeOutcomeCheck } from './probe-outcome.ts';
import { seededRolesCheck } from './seeded-roles.ts';
import { serviceFusionMatchCheck } from './service-fusion-match.ts';
import { sodConflictCheck } from './sod-conflict.ts';
import { sourcesDisagreeCheck } from './sources-disagree.ts';
import type { CheckDefinition } from './types.ts';
import { wrappedSeededRolesCheck } from './wrapped-seeded-roles.ts';

/** The built-in check library. Adding a check touches its own file and one line here. */
export const CHECKS: Record<string, CheckDefinition> = Object.fromEntries([
  seededRolesCheck,
  dedicatedAccountCheck,
  oneModuleCheck,
  probeOutcomeCheck,
  probeMinCountCheck,
  inactiveWithRolesCheck,
  privilegedRolesCheck,
  sourcesDisagreeCheck,
  cpqPermissionsCheck,
  cpqWebServicesOnlyCheck,
  serviceFusionMatchCheck,
  iamsInactiveGroupsCheck,
  wrappedSeededRolesCheck,
  privilegedPrivilegesCheck,
  sodConflictCheck,
  cxResourceMatchCheck,
].map((check) => [check.name, check]));

export const getCheck = (name: string): CheckDefinition | undefined =>
  Object.hasOwn(CHECKS, name) ? CHECKS[name] : undefined;
