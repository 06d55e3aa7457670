import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../src/evaluate/severity.ts';
import type { FindingsDocument } from '../src/evaluate/types.ts';
import { createTempDir, exists, expectOneErrorLine, readFindings, runCli, startTenant, type TenantFixture } from './cli-helpers.ts';

let dir: string;
const fixtures: TenantFixture[] = [];
let prod: string;
let test: string;
let prodDoc: FindingsDocument;
let testDoc: FindingsDocument;

const audit = async (fixture: TenantFixture, out: string, extra: string[] = []): Promise<void> => {
  const result = await runCli(['run', '--config', fixture.configFile, '--out', out, '--format', 'json,md', '--quiet', ...extra], fixture.env);
  expect(result.code, result.stderr).toBeLessThanOrEqual(1);
};

beforeAll(async () => {
  dir = await createTempDir('summarize-');
  const prodTenant = await startTenant(dir, { name: 'prod', edit: (config) => { config.tenant.name = 'acme-prod'; } });
  const testTenant = await startTenant(dir, { name: 'test', edit: (config) => { config.tenant.name = 'acme-test'; } });
  fixtures.push(prodTenant, testTenant);
  await audit(prodTenant, join(dir, 'prod-q3'));
  prod = join(dir, 'prod-q4');
  await audit(prodTenant, prod, ['--baseline', join(dir, 'prod-q3')]);
  test = join(dir, 'test-q4');
  await audit(testTenant, test);
  [prodDoc, testDoc] = await Promise.all([readFindings(prod), readFindings(test)]);
}, 240_000);
afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.sim.close()));
  await rm(dir, { recursive: true, force: true });
});

const openCounts = (document: FindingsDocument): number[] =>
  SEVERITIES.map((severity) => document.findings.filter((f) => f.status === 'open' && f.severity === severity).length);

describe('access-audit summarize', () => {
  it('writes one summary.md and workbook across tenants: a row per tenant, then the top findings', async () => {
    const out = join(dir, 'all-q4');
    const result = await runCli(['summarize', prod, test, '--out', out, '--top', '10']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Summarised 2 tenant runs');
    const markdown = await readFile(join(out, 'summary.md'), 'utf8');
    const rows = markdown.split('\n').filter((line) => /^\| acme-(prod|test) \| complete \|/.test(line));
    expect(rows).toHaveLength(2);
    // Sorted by tenant; counts by severity as in each run's findings.json; prod had a baseline (0 new: the same tenant), test none.
    expect(rows[0]).toContain(`| ${openCounts(prodDoc).join(' | ')} |`);
    expect(rows[0]).toMatch(/\| 0 \| [a-z-]+ ×\d+ \\\(worst critical\\\)/);
    expect(rows[1]).toContain(`| ${openCounts(testDoc).join(' | ')} |`);
    expect(rows[1]).toContain('| no baseline |');
    expect(markdown).toMatch(/### Top findings across tenants \(10 of \d+ open\)/);
    const top = markdown.split('\n').filter((line) => /^\| acme-(prod|test) \| (critical|high|medium|low|info) \|/.test(line));
    expect(top).toHaveLength(10);
    expect(top[0]).toMatch(/^\| acme-\w+ \| critical \|/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'access-audit-summary.xlsx'));
    const tenants = workbook.getWorksheet('Tenants')!;
    expect(tenants.rowCount).toBe(3);
    expect(tenants.getRow(2).getCell(1).value).toBe('acme-prod');
    expect(tenants.getRow(3).getCell(1).value).toBe('acme-test');
    expect(tenants.getRow(3).getCell(4).value).toBe(openCounts(testDoc)[0]);
    expect(workbook.getWorksheet('Top findings')!.rowCount).toBe(11);
    expect(workbook.getWorksheet('Excluded folders')).toBeUndefined();
  });

  it('a folder that fails verification is named and excluded; the rest is summarised; exit 2', async () => {
    const tampered = join(dir, 'test-tampered');
    await cp(test, tampered, { recursive: true });
    const findings = join(tampered, 'findings.json');
    await writeFile(findings, (await readFile(findings, 'utf8')).replace('"critical"', '"low"'));
    const out = join(dir, 'all-tampered');
    const result = await runCli(['summarize', prod, tampered, '--out', out]);
    expect(result.code).toBe(2);
    const stderr = result.stderr.split('\n').filter((line) => !line.startsWith('warn: excluded')).join('\n');
    expect(expectOneErrorLine(stderr)).toBe(`access-audit: 1 run folder failed verification and was excluded: ${tampered}`);
    expect(result.stderr).toMatch(/^warn: excluded .*test-tampered: evidence check failed: .*findings\.json/m);
    const markdown = await readFile(join(out, 'summary.md'), 'utf8');
    expect(markdown).toContain('1 run folder excluded');
    expect(markdown.split('\n').filter((line) => /^\| acme-/.test(line) && line.includes('| complete |'))).toHaveLength(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'access-audit-summary.xlsx'));
    expect(workbook.getWorksheet('Tenants')!.rowCount).toBe(2);
    expect(workbook.getWorksheet('Excluded folders')!.getRow(2).getCell(1).value).toBe(tampered);
  });

  it('nothing verifiable: one error line, exit 2, nothing written', async () => {
    const out = join(dir, 'none');
    const result = await runCli(['summarize', join(dir, 'missing-run'), '--out', out]);
    expect(result.code).toBe(2);
    const stderr = result.stderr.split('\n').filter((line) => !line.startsWith('warn: excluded')).join('\n');
    expect(expectOneErrorLine(stderr)).toMatch(/^access-audit: no run folder passed verification \(1 excluded\); nothing written$/);
    expect(await exists(out)).toBe(false);
  });

  it('refuses an --out inside a run folder', async () => {
    const result = await runCli(['summarize', prod, test, '--out', join(prod, 'summary')]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/^access-audit: --out .*: overlaps the run folder /);
  });
});
