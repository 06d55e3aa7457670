import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports, parseFormats } from '../src/report/index.ts';
import { toJunit } from '../src/report/junit.ts';
import { DIRECT_ROLES_CAVEAT } from '../src/report/facts.ts';
import { toMarkdown, toMarkdownText } from '../src/report/markdown.ts';
import { toSarif } from '../src/report/sarif.ts';
import { writeWorkbook } from '../src/report/xlsx/workbook.ts';
import { toJsonText } from '../src/util/stable-json.ts';
import { createReportInput, HOSTILE } from './fixtures/report-input.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-renderers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readWorkbook = async (file: string): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
};

describe('xlsx', () => {
  it('writes every sheet with frozen headers, autofilter, dates and all rows', async () => {
    const input = createReportInput({ withChanges: true });
    const file = join(dir, 'all.xlsx');
    await writeWorkbook(input, {}, file);
    const workbook = await readWorkbook(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Findings', 'Accounts', 'Role assignments', 'Probes', 'Changes', 'Waivers']);
    const findings = workbook.getWorksheet('Findings')!;
    expect(findings.rowCount).toBe(input.document.findings.length + 1);
    expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(findings.autoFilter).toBeTruthy();
    expect(workbook.getWorksheet('Accounts')!.rowCount).toBe(input.model.accounts.length + 1);
    const roleRows = input.model.accounts.reduce((n, a) => n + a.roles.length, 0);
    expect(workbook.getWorksheet('Role assignments')!.rowCount).toBe(roleRows + 1);
    expect(workbook.getWorksheet('Probes')!.rowCount).toBe(input.model.probes.length + 1);
    // Waived finding has a real date cell for its expiry.
    const header = (findings.getRow(1).values as unknown[]).slice(1);
    const expiresColumn = header.indexOf('Waiver expires') + 1;
    const statusColumn = header.indexOf('Status') + 1;
    const waivedRow = findings.getRows(2, findings.rowCount - 1)!.find((row) => row.getCell(statusColumn).value === 'waived')!;
    expect(waivedRow.getCell(expiresColumn).value).toBeInstanceOf(Date);
    const waivers = workbook.getWorksheet('Waivers')!;
    expect(waivers.getColumn(1).values.slice(2)).toEqual(['active', 'expired', 'stale']);
    const mitigation = (waivers.getRow(1).values as unknown[]).indexOf('Mitigating control');
    expect(waivers.getRow(2).getCell(mitigation).value).toBe('Weekly review of role grants by the CISO office');
    const changes = workbook.getWorksheet('Changes')!;
    expect(changes.getColumn(1).values).toContain('role removed');
    // One line per cause group comes first, then the roles whose content changed.
    expect(changes.getRow(2).values).toEqual([undefined, 'new findings', 'account', undefined, 'integration-seeded-role', 'critical', 1, '1 new account: “Integration user holds a seeded ORA_ role”']);
    expect(changes.getRow(3).getCell(1).value).toBe('role content');
    expect(changes.getRow(3).getCell(7).value as string).toMatch(/^seeded role, changed by the vendor update \(Supplier Profile Management\); added POZ_MAINTAIN_SUPPLIER_PRIV; 212 holders; effective privileges grew for 1: ALICE.NGUYEN$/);
  });

  it('never turns hostile text into a formula', async () => {
    const input = createReportInput();
    const file = join(dir, 'hostile.xlsx');
    await writeWorkbook(input, {}, file);
    const workbook = await readWorkbook(file);
    const accounts = workbook.getWorksheet('Accounts')!;
    const byName = new Map<string, ExcelJS.Cell>();
    accounts.eachRow((row, n) => {
      if (n > 1) byName.set(row.getCell(1).text, row.getCell(7));
    });
    for (const [user, expected] of [['CAROL.JONES', HOSTILE.formula], ['EVE.PLUS', HOSTILE.plus], ['FRANK.AT', HOSTILE.at]] as const) {
      const cell = byName.get(user)!;
      expect(cell.value).toBe(expected);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    // No formula anywhere in any sheet.
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
    // The XML itself stores them as inline strings, not <f> elements.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await readFile(file));
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet')).map((n) => zip.file(n)!.async('string')));
    expect(sheetXml.join('')).not.toContain('<f>');
  });

  it('marks an incomplete run on the Summary sheet with the reasons', async () => {
    const input = createReportInput({ complete: false });
    const file = join(dir, 'incomplete.xlsx');
    await writeWorkbook(input, {}, file);
    const summary = (await readWorkbook(file)).getWorksheet('Summary')!;
    const values = summary.getColumn(2).values.map(String);
    expect(values.some((v) => v.startsWith('INCOMPLETE'))).toBe(true);
    expect(values).toContain(input.model.incompleteReasons[0]);
    expect(values).toContain(DIRECT_ROLES_CAVEAT);
  });

  it('continues a sheet past the row limit on "Name (2)"', async () => {
    const input = createReportInput();
    const file = join(dir, 'split.xlsx');
    await writeWorkbook(input, { maxRowsPerSheet: 4 }, file);
    const workbook = await readWorkbook(file);
    const roleRows = input.model.accounts.reduce((n, a) => n + a.roles.length, 0);
    const parts = workbook.worksheets.filter((s) => s.name.startsWith('Role assignments'));
    expect(parts.map((s) => s.name).slice(0, 2)).toEqual(['Role assignments', 'Role assignments (2)']);
    expect(parts.reduce((n, s) => n + s.rowCount - 1, 0)).toBe(roleRows);
    for (const part of parts) {
      expect(part.rowCount).toBeLessThanOrEqual(4);
      expect(part.getRow(1).getCell(1).value).toBe('Username');
    }
  });
});

describe('sarif', () => {
  // Two schemas: the OASIS 2.1.0 errata01 schema (validation keywords transcribed), and the
  // published 2.1.0-rtm.5 file byte for byte as Microsoft ships it on npm (@microsoft/jest-sarif).
  const SCHEMAS = ['sarif-schema-2.1.0.json', 'sarif-schema-2.1.0-rtm.5.json'];
  const loadValidator = async (file = SCHEMAS[0]!) => {
    const schema = JSON.parse(await readFile(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
    // The published schema is draft-04 (`id`); ajv speaks draft-07 (`$id`), and no keyword here differs otherwise.
    const { $schema: _s, id, ...rest } = schema;
    // unicodeRegExp off: rtm.5 has a language-tag pattern that is only valid without the u flag.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile({ ...rest, $id: String(id) });
  };

  it('is valid SARIF 2.1.0 with one rule per policy rule, fingerprints and suppressions', async () => {
    const input = createReportInput({ withChanges: true });
    const log = JSON.parse(toSarif(input));
    for (const file of SCHEMAS) {
      const validate = await loadValidator(file);
      expect(validate(log), `${file}: ${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
    }
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(input.record.rules.map((r) => r.id));
    expect(run.tool.driver.rules[0].help.text).toContain(input.record.rules[0]!.remediation);
    expect(run.results).toHaveLength(input.document.findings.length);
    const first = run.results[0];
    expect(first.partialFingerprints['findingId/v1']).toBe(input.document.findings[0]!.id);
    expect(first.level).toBe('error');
    expect(first.locations[0].logicalLocations.map((l: { kind: string }) => l.kind)).toEqual(['user', 'role']);
    const waived = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions !== undefined);
    expect(waived).toHaveLength(1);
    expect(waived[0].suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted' });
  });

  it('stays valid for an incomplete run and reports why', async () => {
    const log = JSON.parse(toSarif(createReportInput({ complete: false })));
    for (const file of SCHEMAS) {
      const validate = await loadValidator(file);
      expect(validate(log), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain('INCOMPLETE');
  });

  it('the schema rejects a broken log (the validator is real)', async () => {
    for (const file of SCHEMAS) {
      const validate = await loadValidator(file);
      expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    }
  });
});

describe('junit', () => {
  it('has a testsuite per rule and fails open findings at or above the threshold', () => {
    const input = createReportInput();
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(toJunit(input, 'high'));
    const suites = [parsed.testsuites.testsuite].flat();
    expect(suites.map((s: { name: string }) => s.name)).toEqual(input.record.rules.map((r) => r.id));
    const failing = input.document.findings.filter((f) => f.status === 'open' && ['critical', 'high'].includes(f.severity));
    expect(Number(parsed.testsuites.failures)).toBe(failing.length);
    const seeded = suites.find((s: { name: string }) => s.name === 'integration-seeded-role');
    expect([seeded.testcase].flat().every((c: { failure?: unknown }) => c.failure !== undefined)).toBe(true);
    const privileged = suites.find((s: { name: string }) => s.name === 'privileged-role-assignment');
    expect([privileged.testcase].flat()[0].skipped).toBeDefined();
    const disagree = suites.find((s: { name: string }) => s.name === 'sources-disagree');
    const cases = [disagree.testcase].flat();
    expect(cases.every((c: { failure?: unknown }) => c.failure === undefined)).toBe(true);
    // Hostile text round-trips as text (escaped on the way out, intact on the way back).
    expect(JSON.stringify(cases)).toContain('<img src=');
  });

  it('a lower threshold fails more', () => {
    const input = createReportInput();
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(toJunit(input, 'low'));
    expect(Number(parsed.testsuites.failures)).toBe(input.document.findings.filter((f) => f.status === 'open').length);
  });
});

describe('markdown', () => {
  it('has counts, the INCOMPLETE warning and escaped hostile text', () => {
    const text = toMarkdown(createReportInput({ complete: false, withChanges: true }));
    expect(text).toContain('**INCOMPLETE**');
    expect(text).toContain('**Since baseline**');
    expect(text).not.toContain('[link](');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@octocat');
    expect(toMarkdownText('INT_OIC_GL')).toBe('INT\\_OIC\\_GL');
    expect(toMarkdownText('<img src=x> [a](b) @me | x')).toBe('&#60;img src\\=x&#62; \\[a\\]\\(b\\) &#64;me &#124; x');
    // Every table row keeps its column count although the data holds pipes.
    const rows = text.split('\n').filter((line) => line.startsWith('| critical') || line.startsWith('| low'));
    for (const row of rows) expect(row.split('|').length).toBe(8);
  });

  it('stays under the step-summary limit with a note when truncated', () => {
    const text = toMarkdown(createReportInput({ extraFindings: 5_000 }));
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    expect(text).toMatch(/Showing \d+ of \d+ open findings/);
  });
});

describe('writeReports', () => {
  it('writes the fixed names, findings.json byte-identical, and a manifest', async () => {
    const input = createReportInput();
    const out = join(dir, 'run');
    const written = await writeReports(out, input, { formats: parseFormats('xlsx,sarif,junit,md,json') });
    expect(written.map((f) => f.slice(out.length + 1))).toEqual(['access-audit.xlsx', 'results.sarif', 'junit.xml', 'summary.md', 'findings.json', 'manifest.json']);
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe(toJsonText(input.document));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['access-audit.xlsx', 'findings.json', 'junit.xml', 'results.sarif', 'summary.md']);
  });

  it('rejects an unknown format with a usage error naming it', () => {
    expect(() => parseFormats('xlsx,docx')).toThrow(/docx/);
  });
});
