/**
 * Report benchmark (issue 4): the workbook for 100,000 accounts / 1,000,000 role rows against
 * exceljs's bare streaming of the same rows, and the PDF with 5,000 findings. Each workbook run
 * happens in its own child process so peak RSS is the workbook's own, not the parent's.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Account } from '../src/model/types.ts';
import { toPdf } from '../src/report/pdf/print.ts';
import type { ReportInput } from '../src/report/types.ts';
import { writeWorkbook } from '../src/report/xlsx/workbook.ts';
import { createReportInput } from '../test/fixtures/report-input.ts';

const ACCOUNTS = 100_000;
const ROLES_PER_ACCOUNT = 10;
const PDF_FINDINGS = 5_000;
const SELF = fileURLToPath(import.meta.url);

/** Distinct objects per account and role, as the snapshot reader would produce them. */
export const createBigInput = (count: number = ACCOUNTS): ReportInput => {
  const input = createReportInput();
  const accounts: Account[] = [];
  for (let i = 0; i < count; i += 1) {
    const username = i % 50 === 0 ? `INT_SYS${i}_GL` : `USER.${String(i).padStart(6, '0')}`;
    accounts.push({
      key: username.toUpperCase(), username, sources: ['hcm', 'scim'],
      hcm: { userId: 1_000_000 + i, guid: `G${String(i).padStart(31, '0')}`, personId: i % 50 === 0 ? null : 300_000_000 + i, personNumber: String(i), suspended: i % 97 === 0, createdBy: 'IMPL', creationDate: '2023-01-01T00:00:00Z', lastUpdateDate: '2025-01-01T00:00:00Z' },
      scim: { id: `S${String(i).padStart(31, '0')}`, active: i % 89 !== 0, displayName: `User ${i}`, givenName: 'User', familyName: String(i), emails: [`user${i}@example.com`], userCategory: 'DEFAULT', accountType: null, worker: null },
      roles: Array.from({ length: ROLES_PER_ACCOUNT }, (_, r) => ({ code: `ORA_ROLE_${(i + r) % 400}_JOB`, name: `Role ${(i + r) % 400}`, category: 'JOB', sources: ['hcm', 'scim'] as ('hcm' | 'scim')[], hcmRoleId: 300 + r, hcmUserRoleId: i * 10 + r })),
    });
  }
  return { ...input, model: { ...input.model, accounts } };
};

/** exceljs with nothing of ours: the same rows, plain values, no styles, no sanitising. */
export const writeBare = async (input: ReportInput, file: string): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const accounts = workbook.addWorksheet('Accounts');
  let n = 0;
  const pause = async (): Promise<void> => {
    n += 1;
    if (n % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  for (const a of input.model.accounts) {
    accounts.addRow([a.username, a.sources.join(', '), a.hcm?.suspended ? 'suspended' : 'active', a.scim?.active ? 'active' : 'inactive', a.roles.length, a.scim?.displayName, a.hcm?.guid, a.hcm?.personId, a.scim?.id]).commit();
    await pause();
  }
  accounts.commit();
  const roles = workbook.addWorksheet('Role assignments');
  for (const a of input.model.accounts) {
    for (const r of a.roles) {
      roles.addRow([a.username, r.code, r.name, r.category, r.sources.join(', '), r.hcmRoleId, r.hcmUserRoleId]).commit();
      await pause();
    }
  }
  roles.commit();
  await workbook.commit();
};

/** Child mode: build the input, write one workbook, print time and peak RSS as JSON. */
const runChild = async (mode: string, file: string): Promise<void> => {
  const input = createBigInput();
  const rssAfterInput = process.memoryUsage().rss;
  const started = performance.now();
  if (mode === 'bare') await writeBare(input, file);
  else await writeWorkbook(input, {}, file);
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssAfterInput, bytes: (await stat(file)).size }));
};

const runInChild = (mode: string, file: string): Promise<{ ms: number; maxRssBytes: number; rssAfterInput: number; bytes: number }> =>
  new Promise((resolve, reject) => {
    const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
    execFile(tsx, [SELF, '--child', mode, file], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${mode} child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { ms: number; maxRssBytes: number; rssAfterInput: number; bytes: number });
    });
  });

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export const run = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  try {
    console.log(`workbook: ${ACCOUNTS.toLocaleString('en')} accounts, ${(ACCOUNTS * ROLES_PER_ACCOUNT).toLocaleString('en')} role rows`);
    const bare = await runInChild('bare', join(dir, 'bare.xlsx'));
    console.log(`  exceljs bare streaming: ${s(bare.ms)}, peak RSS ${mb(bare.maxRssBytes)} (input alone ${mb(bare.rssAfterInput)}), ${mb(bare.bytes)}`);
    const ours = await runInChild('workbook', join(dir, 'access-audit.xlsx'));
    console.log(`  access-audit.xlsx:      ${s(ours.ms)}, peak RSS ${mb(ours.maxRssBytes)} (input alone ${mb(ours.rssAfterInput)}), ${mb(ours.bytes)}`);
    const ratio = ours.ms / bare.ms;
    console.log(`  time ratio ${ratio.toFixed(2)} × bare (target ≤ 3) ${ratio <= 3 ? 'OK' : 'OVER'}; peak RSS ${mb(ours.maxRssBytes)} / 1024 MB (target ≤ 1 GB) ${ours.maxRssBytes <= 1024 ** 3 ? 'OK' : 'OVER'}`);
    const input = createReportInput({ extraFindings: PDF_FINDINGS - createReportInput().document.findings.length });
    const started = performance.now();
    const pdf = await toPdf(input);
    const ms = performance.now() - started;
    console.log(`pdf: ${input.document.findings.length.toLocaleString('en')} findings in ${s(ms)} (target ≤ 30 s) ${ms <= 30_000 ? 'OK' : 'OVER'}, ${mb(pdf.length)}; ratio ${(ms / 30_000).toFixed(2)} of budget`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const childAt = process.argv.indexOf('--child');
if (childAt !== -1 && process.argv[1] === SELF) await runChild(process.argv[childAt + 1] ?? 'workbook', process.argv[childAt + 2] ?? 'out.xlsx');
