import type { Config } from '../config/types.ts';
import type { HcmAccountRecord, ScimAccountRecord } from '../model/source-records.ts';
import type { RoleInfo, SourceId } from '../model/types.ts';
import type { Logger } from '../util/logger.ts';
import type { HttpClient } from './http/client.ts';

/** What every source plugin receives. */
export interface CollectContext {
  client: HttpClient;
  config: Config;
  logger: Logger;
  /** REST-Framework-Version header sent to HCM REST ("4" unless a test forces another). */
  restFrameworkVersion: string;
  /** The audit account's username (Basic auth), null for bearer tokens. */
  auditUser: string | null;
}

/**
 * What a source plugin returns: its share of the merge input plus the reasons, if any, that
 * its data is incomplete (one line each: source, URL without credentials, status).
 */
export interface SourceData {
  hcm?: HcmAccountRecord[];
  scim?: ScimAccountRecord[];
  catalogue?: RoleInfo[];
  problems: string[];
}

/** One identity source: same shape for each, one folder each, listed in `SOURCES`. */
export interface SourcePlugin {
  id: SourceId;
  /** Human name for logs and docs. */
  title: string;
  collect(context: CollectContext): Promise<SourceData>;
}
