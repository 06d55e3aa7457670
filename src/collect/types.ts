import type { Config, Credentials } from '../config/types.ts';
import type { HcmAccountRecord, ScimAccountRecord } from '../model/source-records.ts';
import type { RoleInfo, ServiceAccount, ServiceId, SourceId } from '../model/types.ts';
import type { Logger } from '../util/logger.ts';
import type { HttpClient } from './http/client.ts';

/** What every source plugin receives. */
export interface CollectContext {
  client: HttpClient;
  config: Config;
  logger: Logger;
  /** REST-Framework-Version header sent to HCM REST ("4" unless a test forces another). */
  restFrameworkVersion: string;
  /** The Fusion user the tenant sign-in acts as (Basic username, OAuth client id, JWT subject); null for a bearer token. */
  auditUser: string | null;
  /** When the collection started (ISO-8601): CX Sales judges resource windows on its UTC day. */
  startedAt: string;
  /**
   * A client for a source with its own credentials (IAMS, CPQ). On another host it has its own
   * concurrency cap (the same timeouts, retries, progress events and test hooks); on the
   * tenant's own host it shares the tenant's cap, which is per host. The collection closes it
   * and adds its counters to the source's statistics.
   */
  createClient(credentials: Credentials, baseUrl: string): HttpClient;
}

/**
 * What a source plugin returns: its share of the merge input plus the reasons, if any, that
 * its data is incomplete (one line each: source, URL without credentials, status).
 */
export interface SourceData {
  hcm?: HcmAccountRecord[];
  scim?: ScimAccountRecord[];
  catalogue?: RoleInfo[];
  /** Accounts of an adjacent service (IAMS, CPQ, CX Sales). */
  serviceAccounts?: ServiceAccount[];
  problems: string[];
}

/** One identity source: same shape for each, one folder each, listed in `SOURCES`. */
export interface SourcePlugin {
  id: SourceId | ServiceId;
  /** Human name for logs and docs. */
  title: string;
  /** False skips the source entirely (no statistics row): optional services not in the config. Default: always runs. */
  isEnabled?(config: Config): boolean;
  collect(context: CollectContext): Promise<SourceData>;
}
