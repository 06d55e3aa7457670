import type { CheckContext, ServiceAccountView } from '../../evaluate/rule-types.ts';
import { createFusionIndex, isFusionComplete, matchFusionAccounts, type FusionMatch } from '../../model/fusion-match.ts';
import type { ServiceAccount } from '../../model/types.ts';

export interface MatchedServiceAccount {
  view: ServiceAccountView;
  match: FusionMatch;
}

/** How one service's accounts are matched: the username and email to try, and whether each may match either kind. */
export interface MatchKeys {
  username: string | null;
  email: string | null;
  loose: boolean;
}

/**
 * The active service accounts `include` picks, each with its Fusion match (the shared part of
 * every cross-service leaver rule). `fusionComplete` false: "no match" cannot be trusted.
 */
export const matchActiveServiceAccounts = (
  context: CheckContext,
  include: (account: ServiceAccount) => boolean,
  getKeys: (account: ServiceAccount) => MatchKeys,
): { fusionComplete: boolean; matched: MatchedServiceAccount[] } => {
  const index = createFusionIndex(context.model.accounts);
  const matched = context.serviceAccounts.filter((view) => view.account.active && include(view.account)).map((view) => {
    const keys = getKeys(view.account);
    return { view, match: matchFusionAccounts(index, keys.username, keys.email, keys.loose) };
  });
  return { fusionComplete: isFusionComplete(context.model), matched };
};
