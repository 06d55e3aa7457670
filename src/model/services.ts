import type { ServiceAccount, ServiceId } from './types.ts';

/** The adjacent Oracle SCIM services, in the order accounts and sheets list them. */
export const SERVICE_IDS: readonly ServiceId[] = ['iams', 'cpq', 'cx'];

export const SERVICE_TITLES: Record<ServiceId, string> = { iams: 'Life Sciences IAMS', cpq: 'CPQ', cx: 'CX Sales' };

export const isServiceSource = (source: string): source is ServiceId => (SERVICE_IDS as readonly string[]).includes(source);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The one order of service accounts: service (iams, cpq, cx), then key, then id (a key seen twice stays deterministic). */
export const compareServiceAccounts = (a: ServiceAccount, b: ServiceAccount): number =>
  SERVICE_IDS.indexOf(a.service) - SERVICE_IDS.indexOf(b.service) || compareText(a.key, b.key) || compareText(a.id, b.id);
