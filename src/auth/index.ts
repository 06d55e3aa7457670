import type { AuthConfig } from '../config/schema.ts';
import type { Credentials } from '../config/types.ts';
import { basicAuthMethod } from './basic.ts';
import { bearerAuthMethod } from './bearer.ts';
import { fusionJwtAuthMethod } from './fusion-jwt.ts';
import { oauth2JwtAuthMethod } from './oauth2-jwt.ts';
import { oauth2AuthMethod } from './oauth2.ts';
import type { AuthMethod, AuthProvider, ProviderContext, ResolveContext, TokenTransport } from './types.ts';

export type { AuthProvider, TokenTransport } from './types.ts';
export { isTokenEndpointError } from './token-endpoint.ts';

type AuthType = AuthConfig['type'];

/** The sign-in methods; adding one touches its own file and one line here. */
export const AUTH_METHODS: { [T in AuthType]: AuthMethod<T> } = {
  basic: basicAuthMethod,
  bearer: bearerAuthMethod,
  oauth2: oauth2AuthMethod,
  'oauth2-jwt': oauth2JwtAuthMethod,
  'fusion-jwt': fusionJwtAuthMethod,
};

const getMethod = <T extends AuthType>(type: T): AuthMethod<T> => AUTH_METHODS[type];

/** Turns a written auth block into credentials (secrets from env, keys from files); null when something is missing. */
export const resolveCredentials = (written: AuthConfig, context: ResolveContext, location: string): Credentials | null => {
  const credentials = getMethod(written.type).resolve(written, context);
  if (credentials !== null) locations.set(credentials, location);
  return credentials;
};

/** Config location of each resolved credentials object (tenant.auth, services.cpq.auth, …), for token errors. */
const locations = new WeakMap<Credentials, string>();

/** The Fusion username the credentials act as (manifest, audit-account checks); null for an opaque bearer token. */
export const getEffectiveUser = (credentials: Credentials): string | null => getMethod(credentials.type).getEffectiveUser(credentials);

/** Sign-ins that name their Fusion user through OAuth or JWT (recorded in the snapshot next to the user). */
export const isTokenSignIn = (credentials: Credentials): boolean => credentials.type !== 'basic' && credentials.type !== 'bearer';

export interface AuthProviders {
  /** One provider per credentials object, so every client using the same credentials shares one token. */
  get(credentials: Credentials): AuthProvider;
}

export const createAuthProviders = (transport: TokenTransport, now: () => number = Date.now): AuthProviders => {
  const providers = new WeakMap<Credentials, AuthProvider>();
  return {
    get: (credentials) => {
      let provider = providers.get(credentials);
      if (provider === undefined) {
        const context: ProviderContext = { transport, now, where: locations.get(credentials) ?? 'auth' };
        providers.set(credentials, (provider = getMethod(credentials.type).createProvider(credentials, context)));
      }
      return provider;
    },
  };
};
