import { registerSecret } from '../util/logger.ts';
import { createJwtId, signJwt, toKeyHeader } from './jwt.ts';
import { readCertificateThumbprint, readSigningKey } from './keys.ts';
import { createTokenCache } from './token-cache.ts';
import { requestToken, toClientBasic } from './token-endpoint.ts';
import type { AuthMethod } from './types.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The audience OCI IAM expects in user assertions (oracle-reference §11.8, [3P]). */
export const IAM_AUDIENCE = 'https://identity.oraclecloud.com/';
/** Assertions live at most five minutes; this one is used once, right away. */
const ASSERTION_TTL_S = 300;

/**
 * JWT user assertion (§11.8): an RS256 JWT (sub = username, iss = client id) exchanged for a user
 * token; the client authenticates with its secret. A new assertion is signed for every fetch.
 */
export const oauth2JwtAuthMethod: AuthMethod<'oauth2-jwt'> = {
  type: 'oauth2-jwt',
  resolve: (written, context) => {
    if (written.certificateFile === undefined && written.keyId === undefined) {
      context.problems.push(`${context.where}: name certificateFile (sent as x5t) or keyId (sent as kid), or both`);
    }
    const clientSecret = context.readSecret('clientSecretEnv', written.clientSecretEnv);
    const signingKey = readSigningKey(context, written.privateKeyFile, written.privateKeyPassphraseEnv);
    const x5t = written.certificateFile === undefined ? null : readCertificateThumbprint(context, written.certificateFile, signingKey);
    if (clientSecret === null || signingKey === null || (written.certificateFile !== undefined && x5t === null)) return null;
    if (written.certificateFile === undefined && written.keyId === undefined) return null;
    return {
      type: 'oauth2-jwt', tokenUrl: written.tokenUrl, clientId: written.clientId, clientSecret, username: written.username,
      signingKey, x5t, keyId: written.keyId ?? null, scope: written.scope,
    };
  },
  createProvider: (credentials, context) => createTokenCache(() => {
    const iat = Math.floor(context.now() / 1000);
    const assertion = signJwt(toKeyHeader(credentials.keyId, credentials.x5t), {
      sub: credentials.username, iss: credentials.clientId, aud: IAM_AUDIENCE, iat, exp: iat + ASSERTION_TTL_S, jti: createJwtId(),
    }, credentials.signingKey);
    registerSecret(assertion);
    return requestToken(context, credentials.tokenUrl, toClientBasic(credentials.clientId, credentials.clientSecret),
      new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion, scope: credentials.scope }));
  }, context.now),
  getEffectiveUser: (credentials) => credentials.username,
};
