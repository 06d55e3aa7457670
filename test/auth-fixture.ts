/**
 * Shared set-up for the sign-in tests. The key pair and self-signed certificate under
 * test/fixtures/auth were made once with `openssl req -x509 -newkey rsa:2048 -nodes` (node:crypto
 * cannot create certificates); they are test doubles trusted only by the simulator. Encrypted
 * and PKCS#1 variants are derived from them at test time with node:crypto.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WrittenConfig } from '../src/config/schema.ts';
import type { SimOAuthOptions, SimTenant } from '../src/simulator/types.ts';
import { addOAuthClientUser } from '../src/simulator/oauth.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'auth');
export const KEY_FILE = join(FIXTURES, 'audit-test.key');
export const CERT_FILE = join(FIXTURES, 'audit-test.crt');
export const OTHER_KEY_FILE = join(FIXTURES, 'other-test.key');
export const OTHER_CERT_FILE = join(FIXTURES, 'other-test.crt');

export const CLIENT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const CLIENT_SECRET = 'sim-client-secret-6f1c2d9a';
export const SCOPE = 'urn:opc:resource:fa:instanceid=1234567urn:opc:resource:consumer::all';
export const ISSUER = 'access-audit-ci';
export const SECRET_ENV = 'FA_CLIENT_SECRET';

export const createSimOAuthOptions = (overrides: Partial<SimOAuthOptions> = {}): SimOAuthOptions => ({
  clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scope: SCOPE, certificatePem: readFileSync(CERT_FILE, 'utf8'),
  certificateAlias: 'audit-cert', trustedIssuer: ISSUER, ...overrides,
});

/** The tenant with the Fusion user the client-credentials token runs as. */
export const withOAuthUser = (tenant: SimTenant): SimTenant => addOAuthClientUser(tenant, CLIENT_ID);

type Auth = WrittenConfig['tenant']['auth'];

/** The three token sign-ins against a simulator at `url`, acting as `username` where a user is named. */
export const createAuthConfigs = (url: string, username: string): Record<'oauth2' | 'oauth2-jwt' | 'fusion-jwt', Auth> => ({
  oauth2: { type: 'oauth2', tokenUrl: `${url}/oauth2/v1/token`, clientId: CLIENT_ID, clientSecretEnv: SECRET_ENV, scope: SCOPE },
  'oauth2-jwt': {
    type: 'oauth2-jwt', tokenUrl: `${url}/oauth2/v1/token`, clientId: CLIENT_ID, clientSecretEnv: SECRET_ENV, username,
    privateKeyFile: KEY_FILE, certificateFile: CERT_FILE, scope: SCOPE,
  },
  'fusion-jwt': { type: 'fusion-jwt', issuer: ISSUER, username, privateKeyFile: KEY_FILE, certificateFile: CERT_FILE, ttlSeconds: 300 },
});

/** The fixture key as encrypted PKCS#1 PEM (what `openssl genrsa -aes256` writes). */
export const writeEncryptedPkcs1Key = async (dir: string, passphrase: string): Promise<string> => {
  const key = createPrivateKey(readFileSync(KEY_FILE, 'utf8'));
  const file = join(dir, 'encrypted.key');
  await writeFile(file, key.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase }));
  return file;
};
