import { createTokenCache } from './token-cache.ts';
import { requestToken, toClientBasic } from './token-endpoint.ts';
import type { AuthMethod } from './types.ts';

/**
 * Client credentials (oracle-reference §11.7): Basic client_id:secret, grant_type and the scope
 * copied from the console. Fusion runs the token as the user whose username is the client ID.
 */
export const oauth2AuthMethod: AuthMethod<'oauth2'> = {
  type: 'oauth2',
  resolve: (written, context) => {
    const clientSecret = context.readSecret('clientSecretEnv', written.clientSecretEnv);
    return clientSecret === null ? null
      : { type: 'oauth2', tokenUrl: written.tokenUrl, clientId: written.clientId, clientSecret, scope: written.scope };
  },
  createProvider: (credentials, context) => createTokenCache(() => requestToken(context, credentials.tokenUrl,
    toClientBasic(credentials.clientId, credentials.clientSecret),
    new URLSearchParams({ grant_type: 'client_credentials', scope: credentials.scope })), context.now),
  getEffectiveUser: (credentials) => credentials.clientId,
};
