import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBrowserPath } from '../src/report/pdf/browser.ts';
import { printHtmlToPdf, toPdf, toReportHtml } from '../src/report/pdf/print.ts';
import { generateTenant } from '../src/simulator/generate.ts';
import { startSimulator } from '../src/simulator/server.ts';
import type { RunningSimulator } from '../src/simulator/types.ts';
import { createReportInput } from './fixtures/report-input.ts';

let dir: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
  // A real loopback server that counts requests: hostile markup points at it.
  simulator = await startSimulator({ tenant: generateTenant({ users: 20 }) });
});
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

const toText = async (pdf: Uint8Array, name: string): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('pdf', () => {
  it('prints tenant, findings, escaped hostile names, and fetches nothing', { timeout: 120_000 }, async () => {
    const img = `<img src="${simulator.url}/pixel.png">`;
    const style = `<style>body{background:url(${simulator.url}/bg.png)}</style>`;
    const input = createReportInput({ hostileDisplayName: `${style}${img}` });
    simulator.resetStats();
    const text = await toText(await toPdf(input), 'report.pdf');
    expect(simulator.stats.requests).toBe(0);
    expect(text).toContain('acme-prod');
    // Table cells wrap, so compare without whitespace.
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('BOB.SMITHissuspendedinHCMbutholds1role');
    expect(flat).toContain('ORA_GL_GENERAL_ACCOUNTANT_JOB');
    // Evidence as labelled fields, not `httpStatus=200; totalResults=88` blobs.
    expect(flat).toContain('httpstatus200totalresults88');
    expect(flat).not.toContain('httpStatus=200');
    expect(text).toContain('Integration user holds a seeded ORA_ role');
    // The markup is printed as text, i.e. it was escaped rather than interpreted.
    expect(flat).toContain(`<imgsrc="${simulator.url}/pixel.png">`.replace(/\s+/g, ''));
    expect(text).toContain('20251120T080500Z-acme-prod');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain('directly assigned');
    expect(text.replace(/\s+/g, ' ')).toContain('User and Role Access Audit Report');
    expect(text).toContain('Prepared by');
    expect(text).not.toContain('INCOMPLETE —');
  });

  it('with a role graph: paths as chains, the graph\'s source, coverage, unresolved codes and freshness; no direct-roles caveat', { timeout: 120_000 }, async () => {
    const text = await toText(await toPdf(createReportInput({ withRoleGraph: true })), 'graph.pdf');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('XX_HCM_INTEGRATION_ROLE→ORA_PER_USER_ROLE_MANAGEMENT_DUTY→PER_MANAGE_HCM_DATA_ROLE_PRIV');
    expect(flat).toContain('BIPublisherreport/Custom/Security/AccessAudit/RoleGraph.xdo');
    expect(flat).toContain('2of7assignedrolecodesresolved');
    expect(flat).toContain('ORA_PO_BUYER_JOB');
    expect(text.replace(/\s+/g, ' ')).toContain('Import User and Role Application Security Data');
    expect(flat).toContain('roleXX_HCM_INTEGRATION_ROLE');
    expect(text).not.toContain('REST and SCIM show');
  });

  it('shows the INCOMPLETE banner and the reasons', { timeout: 120_000 }, async () => {
    const text = await toText(await toPdf(createReportInput({ complete: false, withChanges: true })), 'incomplete.pdf');
    expect(text).toContain('INCOMPLETE');
    expect(text).toContain('returned 503 after 5 retries');
    expect(text).toContain('Changes since baseline');
    // New findings grouped by cause, one line each; roles whose content changed; the waiver's mitigating control.
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('Whythenewfindingsarenew');
    expect(flat).toContain('1newaccount:“IntegrationuserholdsaseededORA_role”');
    expect(flat).toContain('Roleswhosecontentchanged');
    expect(flat).toContain('POZ_MAINTAIN_SUPPLIER_PRIV;212holders;effectiveprivilegesgrewfor1:ALICE.NGUYEN');
    expect(flat).toContain('Mitigatingcontrol:WeeklyreviewofrolegrantsbytheCISOoffice');
  });

  it('blocks every request even for raw unescaped markup (interception, not only escaping)', { timeout: 120_000 }, async () => {
    const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${simulator.url}/x.css"><style>@import url(${simulator.url}/y.css); body{background:url(${simulator.url}/z.png)}</style></head>`
      + `<body><p>raw</p><img src="${simulator.url}/a.png"><iframe src="${simulator.url}/frame"></iframe><script src="${simulator.url}/s.js"></script><script>fetch('${simulator.url}/js')</script></body></html>`;
    simulator.resetStats();
    const { pdf, blocked } = await printHtmlToPdf(html, { executablePath: getBrowserPath(), footerTemplate: '<span></span>' });
    expect(simulator.stats.requests).toBe(0);
    expect(blocked).toBeGreaterThan(0);
    expect(await toText(pdf, 'raw.pdf')).toContain('raw');
  });

  it('points at the workbook when a rule has more findings than the PDF lists', async () => {
    const html = await toReportHtml(createReportInput({ extraFindings: 60 }), { pdfRowsPerRule: 5 });
    expect(html).toMatch(/Showing the first 5 of \d+ findings for this rule/);
    expect(html).not.toContain('<img src=');
  });

  it('names how to install Chromium when the browser is missing', () => {
    expect(() => getBrowserPath('/nonexistent/chromium')).toThrow(/not an executable/);
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent/chrome';
    try {
      expect(() => getBrowserPath()).toThrow(/PUPPETEER_EXECUTABLE_PATH/);
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
  });
});
