import type { KeyObject } from 'node:crypto';
import type { IntegrationDefinition } from '../model/types.ts';

/** Resolved credentials. Held in memory only; never logged or written. */
export type Credentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope: string }
  | {
    type: 'oauth2-jwt'; tokenUrl: string; clientId: string; clientSecret: string; username: string;
    signingKey: KeyObject; x5t: string | null; keyId: string | null; scope: string;
  }
  | { type: 'fusion-jwt'; issuer: string; username: string; signingKey: KeyObject; x5t: string; ttlSeconds: number };

export interface IntegrationConfig extends IntegrationDefinition {
  credentials: Credentials | null;
}

/** One adjacent Oracle SCIM service (its own host and account). */
export interface ServiceConfig {
  /** Without trailing slash. */
  baseUrl: string;
  credentials: Credentials;
}

export interface IamsServiceConfig extends ServiceConfig {
  /** Path segment: {baseUrl}/scim/v1/{tenant}/… */
  tenant: string;
}

export interface CpqServiceConfig extends ServiceConfig {
  /** REST version path segment, e.g. v19. */
  version: string;
}

/** Where the role graph is read from: a BI Publisher report on the tenant, or a CSV file (absolute path). */
export type RoleGraphConfig = { kind: 'bip'; reportPath: string } | { kind: 'file'; path: string; configured: string };
/** CX Sales resources on the tenant's pod (oracle-reference §11.2). */
export interface CxSalesServiceConfig extends ServiceConfig {
  /** The tenant's REST version path segment. */
  restVersion: string;
  /** REST resource name, resourceUsers unless configured. */
  resource: string;
  pageSize: number;
}

/** The config the code uses: paths resolved, defaults applied, secrets read from the environment. */
export interface Config {
  /** Absolute path of the file it was read from (or '<builtin>' for the demo). */
  file: string;
  tenant: { name: string; baseUrl: string; restVersion: string; credentials: Credentials };
  collect: { concurrency: number; pageSize: number; timeoutMs: number; retries: number; backoffBaseMs: number; backoffMaxMs: number };
  integrations: IntegrationConfig[];
  /** Adjacent Oracle SCIM services; null when not configured. */
  services: { iams: IamsServiceConfig | null; cpq: CpqServiceConfig | null; cxSales: CxSalesServiceConfig | null };
  /** The role-graph source; null when the config has no roleGraph key (nothing is collected). */
  roleGraph: RoleGraphConfig | null;
  /** Absolute policy paths, or the literal 'builtin'; null means the bundled pack. */
  policies: string[] | null;
  /** Absolute waivers path or null. */
  waivers: string | null;
}
