import { registerSecret } from '../util/logger.ts';
import { signJwt } from './jwt.ts';
import { readCertificateThumbprint, readSigningKey } from './keys.ts';
import { createTokenCache } from './token-cache.ts';
import type { AuthMethod } from './types.ts';

/**
 * Fusion direct JWT (oracle-reference §11.9): no token endpoint. The tool signs a short-lived
 * RS256 JWT (x5t of the certificate registered under API Authentication; iss = the trusted
 * issuer; sub and prn = the username) and sends it as the bearer token, signing a fresh one
 * shortly before the old one expires or after a 401.
 */
export const fusionJwtAuthMethod: AuthMethod<'fusion-jwt'> = {
  type: 'fusion-jwt',
  resolve: (written, context) => {
    const signingKey = readSigningKey(context, written.privateKeyFile, written.privateKeyPassphraseEnv);
    const x5t = readCertificateThumbprint(context, written.certificateFile, signingKey);
    if (signingKey === null || x5t === null) return null;
    return { type: 'fusion-jwt', issuer: written.issuer, username: written.username, signingKey, x5t, ttlSeconds: written.ttlSeconds };
  },
  createProvider: (credentials, context) => createTokenCache(() => {
    const iat = Math.floor(context.now() / 1000);
    const token = signJwt({ x5t: credentials.x5t }, {
      iss: credentials.issuer, sub: credentials.username, prn: credentials.username, iat, exp: iat + credentials.ttlSeconds,
    }, credentials.signingKey);
    registerSecret(token);
    return Promise.resolve({ header: `Bearer ${token}`, lifetimeMs: credentials.ttlSeconds * 1000 });
  }, context.now),
  getEffectiveUser: (credentials) => credentials.username,
};
