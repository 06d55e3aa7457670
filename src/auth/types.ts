import type { AuthConfig } from '../config/schema.ts';
import type { Credentials } from '../config/types.ts';

/** The answer of one POST to a token endpoint (status and body text, nothing else). */
export interface TokenReply {
  status: number;
  text: string;
}

/** How auth methods reach a token endpoint: one form POST (the client's dispatcher and timeout). */
export type TokenTransport = (url: URL, headers: Record<string, string>, form: URLSearchParams) => Promise<TokenReply>;

/**
 * What the HTTP client asks for before every request (GET or POST): the Authorization header.
 * After a 401 the client calls `renew` once with the header that was refused; true means a new
 * credential exists and the request is worth one more try, false that the 401 is final.
 */
export interface AuthProvider {
  getAuthorization(): Promise<string>;
  renew(rejected: string): Promise<boolean>;
}

export interface ProviderContext {
  transport: TokenTransport;
  /** Milliseconds since the epoch (tests move it). */
  now: () => number;
  /** Config location for messages, e.g. tenant.auth. */
  where: string;
}

/** Where a written auth block is turned into credentials: env and files resolved, problems collected. */
export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  /** Folder of the config file (key and certificate paths are relative to it). */
  baseDir: string;
  /** Config file and location for messages, e.g. `/x/audit.yaml: tenant.auth`. */
  where: string;
  problems: string[];
  /** Reads an env var, registers it as a secret, or records a problem and returns null. */
  readSecret(field: string, name: string): string | null;
}

type Written<T extends AuthConfig['type']> = Extract<AuthConfig, { type: T }>;
type Resolved<T extends AuthConfig['type']> = Extract<Credentials, { type: T }>;

/** One sign-in method: one file each, listed in AUTH_METHODS. */
export interface AuthMethod<T extends AuthConfig['type']> {
  type: T;
  /** Reads the secrets and files the written block names; null when any is missing (problems say why). */
  resolve(written: Written<T>, context: ResolveContext): Resolved<T> | null;
  createProvider(credentials: Resolved<T>, context: ProviderContext): AuthProvider;
  /** The Fusion username requests run as, null when the tool cannot know it (an opaque bearer token). */
  getEffectiveUser(credentials: Resolved<T>): string | null;
}
