import type { HcmSerialiser } from './hcm-serialise.ts';
import type { ScimSerialiser } from './scim-serialise.ts';
import type { TenantIndex } from './tenant-index.ts';
import type { SimUser } from './types.ts';

/** What every route handler receives (already authenticated). */
export interface RouteContext {
  index: TenantIndex;
  url: URL;
  /** REST-Framework-Version the caller asked for (or the server default). */
  version: number;
  maxLimit: number;
  caller: SimUser;
  baseUrl: string;
  /** Serialisers with their caches, one per server (HCM: one per REST version path). */
  getHcmSerialiser(restVersion: string): HcmSerialiser;
  scim: ScimSerialiser;
  /** True (and counted) when this page of this source is the one to break. */
  isMalformedPage(source: 'hcm' | 'scim', page: number): boolean;
}
