import type { ChangeReach, RoleMemberRef } from '../evaluate/types.ts';
import { toCountText } from '../util/plural.ts';

const toRefs = (sign: string, refs: readonly RoleMemberRef[]): string[] => refs.map((ref) => `${sign}${ref.code}`);

/** One line per changed role: `XX_INT_AP: +ORA_AP_… -AP_VIEW_…_PRIV; held by 12 accounts (directly or inherited)`. */
export const toChangedRoleLines = (reach: ChangeReach): string[] =>
  reach.roles.map((role) => `${role.role}: ${[...toRefs('+', role.added), ...toRefs('-', role.removed)].join(' ')}; held by ${toCountText(role.holders, 'account')} (directly or inherited)`);

/** `reaches 14 accounts (12 holding a changed role, 2 by assignment)`: distinct accounts, so the parts may overlap. */
export const toReachText = (reach: ChangeReach): string => {
  const parts = [
    ...(reach.roles.length > 0 ? [`${reach.roleHolders} holding a changed role`] : []),
    ...(reach.assignments.added + reach.assignments.removed > 0 ? [`${reach.assignments.accounts} by assignment`] : []),
  ];
  return `reaches ${toCountText(reach.accounts, 'account')}${parts.length > 1 ? ` (${parts.join(', ')})` : ''}`;
};
