import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findCpqExtension, readCpqPermissions } from '../src/collect/cpq-scim/extension.ts';
import { parseConfig } from '../src/config/load.ts';
import { toViewModel } from '../src/report/pdf/view-model.ts';
import { writeWorkbook } from '../src/report/xlsx/workbook.ts';
import { readSnapshot } from '../src/snapshot/read.ts';
import { writeSnapshot } from '../src/snapshot/write.ts';
import { buildTenant } from './builders.ts';
import { createReportInput, HOSTILE } from './fixtures/report-input.ts';

const tempDir = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), prefix));

describe('snapshot with and without services', () => {
  it('round-trips service accounts through services.json, hashed in the manifest', async () => {
    const dir = await tempDir('faa-snap-svc-');
    const model = buildTenant().addUser({ username: 'CASEY.BROWN', person: true })
      .addServiceAccount({ service: 'iams', username: 'casey.brown@example.com', groups: ['g.b', 'g.a'] })
      .addServiceAccount({ service: 'cpq', username: 'INT_CPQ_X', permissions: { isWebServicesOnly: null, isProxyPermEnabled: true } }).build();
    const manifest = await writeSnapshot(dir, model);
    expect(manifest.counts.serviceAccounts).toBe(2);
    expect(manifest.files['services.json']).toMatch(/^[0-9a-f]{64}$/);
    const read = await readSnapshot(dir);
    expect(read.model).toEqual(model);
    expect(read.model.serviceAccounts[1]!.permissions).toEqual({ isWebServicesOnly: null, isProxyPermEnabled: true });
    // A changed services.json is caught by its hash.
    await writeFile(join(dir, 'services.json'), (await readFile(join(dir, 'services.json'), 'utf8')).replace('INT_CPQ_X', 'INT_CPQ_Y'));
    await expect(readSnapshot(dir)).rejects.toThrow(/services\.json: SHA-256 does not match/);
  });

  it('a Fusion-only snapshot has no services.json and no serviceAccounts count, and reads back with []', async () => {
    const dir = await tempDir('faa-snap-plain-');
    const model = buildTenant().addUser({ username: 'CASEY.BROWN', person: true }).build();
    const manifest = await writeSnapshot(dir, model);
    expect((await readdir(dir)).sort()).toEqual(['accounts.ndjson', 'probes.json', 'roles.json', 'snapshot-manifest.json']);
    expect(Object.keys(manifest.counts)).toEqual(['accounts', 'roleAssignments', 'roles', 'probes']);
    expect((await readSnapshot(dir)).model.serviceAccounts).toEqual([]);
  });

  it('a services.json with a bad field names the file and field', async () => {
    const dir = await tempDir('faa-snap-bad-');
    await writeSnapshot(dir, buildTenant().addServiceAccount({ service: 'cpq', username: 'x' }).build());
    const text = JSON.stringify([{ service: 'crm', key: 'X', id: '1', username: 'x', active: true, displayName: null, email: null, externalId: null, userType: null, groups: [], permissions: {} }], null, 2);
    await writeFile(join(dir, 'services.json'), `${text}\n`);
    const manifest = JSON.parse(await readFile(join(dir, 'snapshot-manifest.json'), 'utf8')) as { files: Record<string, string> };
    const { createHash } = await import('node:crypto');
    manifest.files['services.json'] = createHash('sha256').update(`${text}\n`).digest('hex');
    await writeFile(join(dir, 'snapshot-manifest.json'), JSON.stringify(manifest));
    await expect(readSnapshot(dir)).rejects.toThrow(/services\.json: \[0\]\.service/);
  });
});

describe('CPQ extension reading', () => {
  it('finds the extension by its CPQ URN, preferring one the schemas array names', () => {
    const user = { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { isSuperUserPermEnabled: true }, 'urn:x:cpq:old': { a: 1 }, 'urn:ietf:params:scim:schemas:extension:oracle:2.0:CPQ:User': { isProxyPermEnabled: true } };
    expect(findCpqExtension(user, ['urn:ietf:params:scim:schemas:extension:oracle:2.0:CPQ:User'])).toEqual({ isProxyPermEnabled: true });
    expect(findCpqExtension({ 'urn:custom:CPQUser': { isWebServicesOnly: true } }, [])).toEqual({ isWebServicesOnly: true });
    expect(findCpqExtension({ extensionUser: { isWebServicesOnly: true } }, [])).toBeNull();
  });

  it('reads flags defensively: absent or unreadable is null, a published misspelling fills a gap, extra admin flags are kept', () => {
    expect(readCpqPermissions({ isAccessAdminPremEnabled: true, isProxyPermEnabled: 'false', isWebServicesOnly: 'yes', isAppAdminPermEnabled: true, isNotifyEmail: true })).toEqual({
      isAccessAdminPermEnabled: true, isAppAdminPermEnabled: true, isProxyPermEnabled: false, isSuperUserPermEnabled: null, isUserAdminPermEnabled: null, isWebServicesOnly: null,
    });
    expect(readCpqPermissions({ isAccessAdminPermEnabled: false, isAccessAdminPremEnabled: true }).isAccessAdminPermEnabled).toBe(false);
    expect(Object.values(readCpqPermissions(null)).every((value) => value === null)).toBe(true);
  });
});

describe('config services section', () => {
  const base = { tenant: { name: 't', baseUrl: 'https://pod.example.com', auth: { type: 'basic', username: 'A', passwordEnv: 'A_PW' } } };
  const env = { A_PW: 'a', IAMS_PW: 'i', CPQ_TOKEN: 'c' };

  it('normalises both services, defaults the CPQ version, and still loads a config without services', () => {
    const config = parseConfig({
      ...base,
      services: {
        iams: { baseUrl: 'https://hs-identity-api.example.com/', tenant: 'mypharma', auth: { type: 'basic', username: 'i', passwordEnv: 'IAMS_PW' } },
        cpq: { baseUrl: 'https://acme.bigmachines.example.com', auth: { type: 'bearer', tokenEnv: 'CPQ_TOKEN' } },
      },
    }, '/v/c.json', { env });
    expect(config.services.iams).toEqual({ baseUrl: 'https://hs-identity-api.example.com', tenant: 'mypharma', credentials: { type: 'basic', username: 'i', password: 'i' } });
    expect(config.services.cpq).toMatchObject({ version: 'v19', credentials: { type: 'bearer', token: 'c' } });
    expect(parseConfig(base, '/v/c.json', { env }).services).toEqual({ iams: null, cpq: null, cxSales: null });
  });

  it('the README services example is a valid config block', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const block = /```yaml\n(services:[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const { parse } = await import('yaml');
    const config = parseConfig({ ...base, ...(parse(block!) as object) }, 'README.md', { env: { ...env, IAMS_AUDIT_PASSWORD: 'x', CPQ_AUDIT_PASSWORD: 'y' } });
    expect(config.services.iams?.tenant).toBe('mypharma');
    expect(config.services.cpq?.version).toBe('v19');
  });

  it('names every bad service field at once: http to a remote host, a bad tenant segment, a missing secret', () => {
    expect(() => parseConfig({
      ...base,
      services: {
        iams: { baseUrl: 'http://iams.example.com', tenant: 'a/b', auth: { type: 'basic', username: 'i', passwordEnv: 'IAMS_PW' } },
        cpq: { baseUrl: 'https://cpq.example.com', version: '19', auth: { type: 'basic', username: 'c', passwordEnv: 'CPQ_PW' } },
      },
    }, '/v/c.json', { env })).toThrow(/services\.iams\.tenant: must be a single path segment[\s\S]*services\.cpq\.version: must be a REST version/);
    expect(() => parseConfig({ ...base, services: { iams: { baseUrl: 'http://iams.example.com', tenant: 'x', auth: { type: 'basic', username: 'i', passwordEnv: 'IAMS_PW' } } } }, '/v/c.json', { env }))
      .toThrow(/services\.iams\.baseUrl: plain http:\/\/ is only allowed for loopback hosts/);
    expect(() => parseConfig({ ...base, services: { cpq: { baseUrl: 'https://cpq.example.com', auth: { type: 'basic', username: 'c', passwordEnv: 'CPQ_PW' } } } }, '/v/c.json', { env }))
      .toThrow(/services\.cpq\.auth\.passwordEnv: environment variable CPQ_PW is not set/);
  });
});

describe('reports with service accounts', () => {
  it('adds a formula-safe "Service accounts" sheet only when there are service accounts', async () => {
    const dir = await tempDir('faa-svc-xlsx-');
    const file = join(dir, 'svc.xlsx');
    await writeWorkbook(createReportInput({ withServices: true, hostileDisplayName: HOSTILE.formula }), {}, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Findings', 'Accounts', 'Role assignments', 'Probes', 'Service accounts', 'Waivers']);
    const sheet = workbook.getWorksheet('Service accounts')!;
    expect(sheet.rowCount).toBe(3);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 5)).toEqual(['iams', 'jdoe@example.com', '0123456789abcdef0123456789abcdef', 'inactive']);
    const display = sheet.getRow(2).getCell(5);
    expect(display.value).toBe(HOSTILE.formula);
    expect(display.formula).toBeUndefined();
    expect(sheet.getRow(2).getCell(9).value).toBe('mypharma.lshdme, mypharma.admin');
    expect(sheet.getRow(3).getCell(10).value).toBe('isAccessAdminPermEnabled=true, isProxyPermEnabled=unknown, isWebServicesOnly=false');
  });

  it('the PDF scope names the services and their account counts only when present', () => {
    const withServices = toViewModel(createReportInput({ withServices: true }), 10);
    expect(withServices.services).toMatchObject({ names: 'Life Sciences IAMS and CPQ', scim: true, cx: false, rows: [{ title: 'Life Sciences IAMS', accounts: 1 }, { title: 'CPQ', accounts: 1 }] });
    expect(withServices.sources.map((s) => s.source)).toEqual(['hcm', 'scim', 'probes', 'iams', 'cpq']);
    expect(toViewModel(createReportInput(), 10).services).toBeNull();
  });
});
