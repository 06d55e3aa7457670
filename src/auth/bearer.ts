import type { AuthMethod } from './types.ts';

/** A token someone else obtained (env var): the tool cannot renew it, so a 401 is final. */
export const bearerAuthMethod: AuthMethod<'bearer'> = {
  type: 'bearer',
  resolve: (written, context) => {
    const token = context.readSecret('tokenEnv', written.tokenEnv);
    return token === null ? null : { type: 'bearer', token };
  },
  createProvider: (credentials) => {
    const header = `Bearer ${credentials.token}`;
    return { getAuthorization: () => Promise.resolve(header), renew: () => Promise.resolve(false) };
  },
  getEffectiveUser: () => null,
};
