import { createHash, randomBytes } from 'node:crypto';
import { toJsonReply, type Reply } from './replies.ts';
import type { TenantIndex } from './tenant-index.ts';
import { toTrustedCertificate, verifyJwt, type TrustedCertificate } from './jwt-verify.ts';
import type { SimOAuthOptions, SimTenant, SimUser } from './types.ts';

/** The identity domain's token path (oracle-reference §11.6). */
export const TOKEN_PATH = '/oauth2/v1/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const IAM_AUDIENCE = 'https://identity.oraclecloud.com/';
/** Oracle keeps user assertions short; the simulator refuses ones that live longer than this. */
const MAX_ASSERTION_S = 300;

export interface SimOAuth {
  /** Answers one POST to the token endpoint (body already read). */
  getTokenReply(authorization: string | undefined, body: string, contentType: string | undefined): Reply;
  /** The Fusion user a bearer header signs in as (issued token or Fusion direct JWT); null means 401. */
  getBearerCaller(authorization: string | undefined): SimUser | null;
  /** Every access token issued and every direct JWT accepted, in order (for leak tests). */
  readonly seen: string[];
  readonly tokensIssued: number;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  ...toJsonReply(JSON.stringify({ error, error_description: description }), status),
  ...(status === 401 ? { headers: { 'www-authenticate': 'Basic realm="identity domain"' } } : {}),
});

const readClient = (authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } | null => {
  if (authorization !== undefined && /^basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id === null || secret === null ? null : { id, secret };
};

/**
 * The OCI IAM token endpoint and Fusion's bearer check, as far as the audit needs them: client
 * credentials and JWT user assertion grants with client authentication by secret, RFC 6749 error
 * bodies, opaque access tokens with a short lifetime, and Fusion direct JWTs verified against the
 * certificate registered as trusted.
 */
export const createSimOAuth = (options: SimOAuthOptions, index: TenantIndex, now: () => number = Date.now): SimOAuth => {
  const trusted: TrustedCertificate | null = options.certificatePem === undefined ? null : toTrustedCertificate(options.certificatePem, options.certificateAlias ?? null);
  const lifetimeS = options.tokenLifetimeSeconds ?? 3600;
  const tokens = new Map<string, { username: string; expiresAt: number; uses: number }>();
  const seen: string[] = [];
  const state = { tokensIssued: 0 };

  const issue = (username: string): Reply => {
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, { username, expiresAt: now() + lifetimeS * 1000, uses: 0 });
    seen.push(token);
    state.tokensIssued += 1;
    return toJsonReply(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: lifetimeS }));
  };

  const getAssertionUser = (assertion: string | null, clientId: string): string | Reply => {
    if (assertion === null) return oauthError(400, 'invalid_request', 'assertion is required for the jwt-bearer grant');
    if (trusted === null) return oauthError(400, 'invalid_grant', 'no trusted partner certificate is registered');
    const verified = verifyJwt(assertion, trusted, Math.floor(now() / 1000));
    if (typeof verified === 'string') return oauthError(400, 'invalid_grant', `assertion rejected: ${verified}`);
    const { claims } = verified;
    if (claims.iss !== clientId) return oauthError(400, 'invalid_grant', 'assertion iss must be the client id');
    if (claims.aud !== IAM_AUDIENCE) return oauthError(400, 'invalid_grant', `assertion aud must be ${IAM_AUDIENCE}`);
    if (typeof claims.sub !== 'string' || claims.sub === '') return oauthError(400, 'invalid_grant', 'assertion sub (the username) is missing');
    if ((claims.exp as number) - (claims.iat as number) > MAX_ASSERTION_S) return oauthError(400, 'invalid_grant', 'assertion lives longer than 5 minutes');
    return claims.sub;
  };

  const getTokenReply = (authorization: string | undefined, body: string, contentType: string | undefined): Reply => {
    if (!/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(body);
    const client = readClient(authorization, form);
    if (client === null || client.id !== options.clientId || client.secret !== options.clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.');
    }
    if (form.get('scope') !== options.scope) return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') return issue(client.id);
    if (grant === JWT_BEARER) {
      const user = getAssertionUser(form.get('assertion'), client.id);
      return typeof user === 'string' ? issue(user) : user;
    }
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grant ?? '(none)'} is not allowed for this client`);
  };

  const toActiveUser = (username: unknown): SimUser | null => {
    const user = typeof username === 'string' ? index.byUsername.get(username.toUpperCase()) : undefined;
    return user === undefined || user.suspended || !user.scimActive ? null : user;
  };

  const getBearerCaller = (authorization: string | undefined): SimUser | null => {
    if (authorization === undefined || !/^bearer\s+/i.test(authorization)) return null;
    const token = authorization.replace(/^bearer\s+/i, '').trim();
    const issued = tokens.get(token);
    if (issued !== undefined) {
      issued.uses += 1;
      const spent = options.tokenMaxUses !== undefined && issued.uses > options.tokenMaxUses;
      return now() >= issued.expiresAt || spent ? null : toActiveUser(issued.username);
    }
    // Fusion direct JWT (Security Console > API Authentication): the trusted issuer's certificate.
    if (trusted === null || options.trustedIssuer === undefined) return null;
    const verified = verifyJwt(token, trusted, Math.floor(now() / 1000));
    if (typeof verified === 'string' || verified.claims.iss !== options.trustedIssuer) return null;
    if (!seen.includes(token)) seen.push(token);
    return toActiveUser(verified.claims.prn ?? verified.claims.sub);
  };

  return {
    getTokenReply,
    getBearerCaller,
    seen,
    get tokensIssued() {
      return state.tokensIssued;
    },
  };
};

/**
 * The tenant plus the Fusion user an OAuth client-credentials token runs as: named like the
 * client id and holding the audit account's roles (what an admin sets up for the audit app).
 */
export const addOAuthClientUser = (tenant: SimTenant, clientId: string): SimTenant => {
  const audit = tenant.users.find((user) => user.scimUsername.toUpperCase() === tenant.auditUser.toUpperCase());
  if (audit === undefined) throw new Error('the tenant has no audit account to copy');
  const userId = Math.max(...tenant.users.map((user) => user.userId)) + 1;
  const guid = createHash('md5').update(clientId).digest('hex').toUpperCase();
  const user: SimUser = {
    ...audit, userId, guid, hcmUsername: clientId, scimUsername: clientId, displayName: clientId, givenName: clientId,
    familyName: 'OAuth client', email: `${clientId.toLowerCase()}@example.com`, roles: [...audit.roles], password: null,
  };
  return { ...tenant, users: [...tenant.users, user], clean: [...tenant.clean, clientId] };
};
