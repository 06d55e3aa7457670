import { z } from 'zod';

/**
 * The config file as the user writes it (a contract: tools outside this repo write it).
 * Every field carries a description: it is the reference documentation and reaches the
 * generated JSON Schema (schemas/config.schema.json).
 */
const basicAuth = z.strictObject({
  type: z.literal('basic').describe('HTTP Basic authentication.'),
  username: z.string().min(1).describe('User name to sign in with.'),
  passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .describe('Name of the environment variable holding the password. The password itself never goes in the file.'),
}).describe('HTTP Basic authentication.');

const bearerAuth = z.strictObject({
  type: z.literal('bearer').describe('OAuth bearer token.'),
  tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .describe('Name of the environment variable holding an OAuth access token.'),
}).describe('OAuth bearer token authentication.');

const envName = (what: string) => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
  .describe(`Name of the environment variable holding ${what}. The value itself never goes in the file.`);
const tokenUrl = z.string().url()
  .describe('Token endpoint of the OCI IAM identity domain tied to the pod, e.g. https://idcs-<id>.identity.oraclecloud.com/oauth2/v1/token. Plain http:// is allowed only for loopback hosts.');
const scope = z.string().min(1)
  .describe('Scope exactly as the identity domain console shows it (the Fusion audience directly followed by urn:opc:resource:consumer::all). Copied, never built by the tool.');
const privateKeyFile = z.string().min(1)
  .describe('PEM private key (PKCS#8 or PKCS#1, optionally encrypted), relative to this file. Signs the JWT with RS256.');
const passphraseEnv = envName('the passphrase of an encrypted private key').optional();
const certificateFile = z.string().min(1)
  .describe('PEM X.509 certificate of the signing key, relative to this file; its SHA-1 thumbprint goes in the JWT header as x5t.');

const oauth2Auth = z.strictObject({
  type: z.literal('oauth2').describe('OAuth 2.0 client credentials from the identity domain.'),
  tokenUrl,
  clientId: z.string().min(1).describe('Client ID of the confidential application. Fusion runs the token as the Fusion user whose username equals the client ID.'),
  clientSecretEnv: envName('the client secret'),
  scope,
}).describe('OAuth 2.0 client credentials (Authorization: Basic client_id:secret, grant_type=client_credentials). Acts as the Fusion user named like the client ID.');

const oauth2JwtAuth = z.strictObject({
  type: z.literal('oauth2-jwt').describe('OAuth 2.0 JWT user assertion from the identity domain.'),
  tokenUrl,
  clientId: z.string().min(1).describe('Client ID of the confidential application (the assertion issuer).'),
  clientSecretEnv: envName('the client secret (the client authenticates with it)'),
  username: z.string().min(1).describe('Fusion username the token acts as (the assertion subject).'),
  privateKeyFile,
  privateKeyPassphraseEnv: passphraseEnv,
  certificateFile: certificateFile.optional(),
  keyId: z.string().min(1).optional().describe('Certificate alias sent as kid (the alias under Trusted partner certificates). At least one of certificateFile and keyId.'),
  scope,
}).describe('OAuth 2.0 JWT user assertion (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer): an RS256 JWT signed with your key, exchanged for a token that acts as username.');

const fusionJwtAuth = z.strictObject({
  type: z.literal('fusion-jwt').describe('A JWT the tool signs itself, trusted by Fusion (Security Console > API Authentication).'),
  issuer: z.string().min(1).describe('Trusted Issuer name of the Oracle API Authentication Provider in the Security Console (the iss claim).'),
  username: z.string().min(1).describe('Fusion username the token acts as (the sub and prn claims).'),
  privateKeyFile,
  privateKeyPassphraseEnv: passphraseEnv,
  certificateFile,
  ttlSeconds: z.number().int().min(30).max(3600).default(300).describe('Lifetime of each JWT in seconds (default 300); a fresh one is signed shortly before it expires.'),
}).describe('Fusion direct JWT: no token endpoint; a short-lived RS256 bearer JWT signed with your key.');

export const authSchema = z.discriminatedUnion('type', [basicAuth, bearerAuth, oauth2Auth, oauth2JwtAuth, fusionJwtAuth]);

const probeSchema = z.strictObject({
  path: z.string().regex(/^\/[^\s?#]*$/, 'must be an absolute path starting with / and without a query')
    .describe('REST path the integration must reach, e.g. /fscmRestApi/resources/11.13.18.05/journals.'),
  expect: z.enum(['rows', 'denied']).default('rows')
    .describe('rows (default): the integration must see data. denied: it must get HTTP 403.'),
  minCount: z.number().int().nonnegative().optional()
    .describe('Optional: fewer rows than this (the totalResults the endpoint reports) is a record-count regression.'),
});

const integrationSchema = z.strictObject({
  username: z.string().min(1).describe('The account the integration connects as.'),
  auth: authSchema.optional().describe('Credentials for the data-security probes; required when probes are listed.'),
  probes: z.array(probeSchema).default([]).describe('Endpoints the integration needs, called with its own credentials.'),
}).describe('An integration account.');

const serviceBaseUrl = (example: string) => z.string().url()
  .describe(`Service base URL, e.g. ${example}. Plain http:// is allowed only for loopback hosts.`);

/** Oracle's other SCIM services: separate hosts with their own accounts (oracle-reference §3). */
const servicesSchema = z.strictObject({
  iams: z.strictObject({
    baseUrl: serviceBaseUrl('https://hs-identity-api.oracleindustry.com'),
    tenant: z.string().regex(/^[A-Za-z0-9._~-]+$/, 'must be a single path segment (letters, digits, . _ ~ -)')
      .describe('IAMS tenant path segment: the collector reads {baseUrl}/scim/v1/{tenant}/Groups and /Users.'),
    auth: authSchema.describe('Credentials of the IAMS account that reads groups and users (IAMS documents HTTP Basic).'),
  }).optional().describe('Oracle Life Sciences IAMS user provisioning API. Users are enumerated through group members (IAMS has no list-all-users call).'),
  cpq: z.strictObject({
    baseUrl: serviceBaseUrl('https://acme.bigmachines.com'),
    version: z.string().regex(/^v\d+$/, 'must be a REST version such as v19').default('v19')
      .describe('CPQ REST version path segment (default v19): the collector reads {baseUrl}/rest/{version}/scim/Users.'),
    auth: authSchema.describe('Credentials of the CPQ account that reads users.'),
  }).optional().describe('Oracle CPQ SCIM Users, with the CPQ permission flags of each user.'),
  cxSales: z.strictObject({
    resource: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a REST resource name such as resourceUsers').default('resourceUsers')
      .describe('CX Sales REST resource listing the sales resources (default resourceUsers): the collector reads {tenant.baseUrl}/crmRestApi/resources/{tenant.restVersion}/{resource}.'),
    pageSize: z.number().int().min(1).max(500).optional()
      .describe('Requested page size (limit); default collect.pageSize. Oracle\'s default is 25; the echoed limit is trusted.'),
    auth: authSchema.optional().describe('Credentials for CX Sales; default the tenant\'s (the same pod and audit account).'),
  }).optional().describe('CX Sales resources (resourceUsers) on the tenant\'s own pod, matched to Fusion accounts by Username, then email. Write cxSales: {} to collect them.'),
}).describe('Optional: other Oracle services whose accounts are audited next to Fusion.');

/** Where the role graph comes from (oracle-reference §9): exactly one of the two keys. */
const roleGraphSchema = z.union([
  z.strictObject({
    report: z.string().regex(/^\/\S(.*\S)?\.xdo$/, 'must be an absolute BI catalog path ending in .xdo, e.g. /Custom/Security/Access Audit/Role Graph.xdo')
      .describe('Absolute BI catalog path of the role-graph report (bip/README.md), run through BI Publisher\'s ExternalReportWSSService.runReport on the tenant.'),
  }).describe('Run the role-graph report on the tenant.'),
  z.strictObject({
    file: z.string().min(1).describe('The same CSV exported by hand, relative to this file (offline collection).'),
  }).describe('Read the role graph from a CSV file.'),
], { error: 'must hold exactly one key: report (a BI catalog path ending in .xdo) or file (a CSV path)' });

export const writtenConfigSchema = z.strictObject({
  tenant: z.strictObject({
    name: z.string().min(1).describe('Tenant name shown on every report, e.g. acme-prod.'),
    baseUrl: z.string().url().describe('Pod base URL, e.g. https://acme.fa.us2.oraclecloud.com. Plain http:// is allowed only for loopback hosts.'),
    restVersion: z.string().regex(/^(latest|\d+(\.\d+)+)$/, 'must be "latest" or a version such as 11.13.18.05').default('11.13.18.05')
      .describe('HCM REST version path segment: 11.13.18.05 (default) or latest.'),
    auth: authSchema.describe('Credentials of the audit account.'),
  }).describe('The Fusion pod and the audit account that reads it.'),
  collect: z.strictObject({
    concurrency: z.number().int().min(1).max(32).default(4).describe('Maximum requests in flight to the tenant; never exceeded. Pods allow about 10.'),
    pageSize: z.number().int().min(1).max(500).default(499).describe('Requested page size (limit / count). Oracle documents no maximum; third parties report 499 or 500.'),
    timeoutMs: z.number().int().min(100).default(60_000).describe('Per-request timeout in milliseconds.'),
    retries: z.number().int().min(0).max(20).default(6).describe('Retries for 429, 502, 503, 504, resets and timeouts.'),
    backoffBaseMs: z.number().int().min(0).default(1000).describe('First backoff step in milliseconds (exponential with full jitter).'),
    backoffMaxMs: z.number().int().min(0).default(60_000).describe('Largest backoff step in milliseconds.'),
  }).prefault({}).describe('How collection talks to the tenant.'),
  services: servicesSchema.optional(),
  roleGraph: roleGraphSchema.optional()
    .describe('Optional: collect the role graph (job → duty → privilege) so rules judge effective access. Either report (BI Publisher) or file (CSV); without it rules see directly assigned roles only.'),
  integrations: z.array(integrationSchema).default([]).describe('Accounts that integrations connect as, with the endpoints they must reach.'),
  policies: z.array(z.string().min(1)).optional().describe('Policy files or folders, relative to this file. Replaces the bundled pack; the word builtin includes it.'),
  waivers: z.string().min(1).optional().describe('Waivers file, relative to this file.'),
}).describe('fusion-access-audit configuration');

export type WrittenConfig = z.input<typeof writtenConfigSchema>;
export type ParsedConfig = z.output<typeof writtenConfigSchema>;
export type AuthConfig = z.output<typeof authSchema>;
