import type { AuthMethod } from './types.ts';

/** HTTP Basic: the password from an env var; a 401 is always final (a retry could lock the account). */
export const basicAuthMethod: AuthMethod<'basic'> = {
  type: 'basic',
  resolve: (written, context) => {
    const password = context.readSecret('passwordEnv', written.passwordEnv);
    return password === null ? null : { type: 'basic', username: written.username, password };
  },
  createProvider: (credentials) => {
    const header = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    return { getAuthorization: () => Promise.resolve(header), renew: () => Promise.resolve(false) };
  },
  getEffectiveUser: (credentials) => credentials.username,
};
