import { join, relative, resolve, sep } from 'node:path';
import type { CommandBody } from './index.ts';
import { AuditError, usageError } from '../errors.ts';
import { readTenantRun, type TenantRun } from '../summary/read.ts';
import { getTopFindings, sortRuns, toSummaryMarkdown, type CrossTenantSummary } from '../summary/render.ts';
import { writeFileAtomic, writeStreamAtomic } from '../util/atomic-write.ts';
import { TOOL } from '../version.ts';
import { getLogger, type GlobalOptions } from './common.ts';
import { setExitCode } from './exit-code.ts';

interface SummarizeArgs extends GlobalOptions {
  runs: string[];
  out: string;
  top: number;
}

/** What `summarize` writes into --out. */
export const SUMMARY_FILES = { markdown: 'summary.md', workbook: 'access-audit-summary.xlsx' } as const;

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

export const summarizeCommand: CommandBody<SummarizeArgs> = {
  builder: (yargs) =>
    yargs
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run folders, one per tenant (written by run or demo)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for summary.md and access-audit-summary.xlsx' })
      .option('top', { type: 'number', default: 25, describe: 'How many findings across tenants to list' })
      .example('$0 summarize reports/dev-2026Q4 reports/test-2026Q4 reports/prod-2026Q4 --out reports/all-2026Q4', 'One summary across three tenants') as never,
  handler: async (argv) => {
    const logger = getLogger(argv);
    if (!Number.isInteger(argv.top) || argv.top < 1) throw usageError(`--top: must be a whole number of at least 1, got ${argv.top}`);
    const dirs = [...new Set(argv.runs.map((dir) => resolve(dir)))];
    const out = resolve(argv.out);
    const clash = dirs.find((dir) => isInside(out, dir) || isInside(dir, out));
    if (clash !== undefined) throw usageError(`--out ${argv.out}: overlaps the run folder ${clash}`, 'write the summary to a folder of its own');
    // Each folder is verified before anything of it is read; one that fails is named and left out.
    const results = await Promise.all(dirs.map((dir) => readTenantRun(dir)));
    const runs: TenantRun[] = [];
    const excluded: { dir: string; reason: string }[] = [];
    for (const result of results) {
      if (result.ok) runs.push(result.run);
      else excluded.push({ dir: result.dir, reason: result.reason });
    }
    for (const entry of excluded) logger.warn(`excluded ${entry.dir}: ${entry.reason}`);
    if (runs.length === 0) {
      throw new AuditError('io', `no run folder passed verification (${excluded.length} excluded); nothing written`, { hint: 'run `access-audit verify DIR` on each folder to see what changed' });
    }
    const sorted = sortRuns(runs);
    const summary: CrossTenantSummary = {
      // The newest run's time, not the clock: the same folders give the same summary.
      generatedAt: sorted.map((run) => run.generatedAt).sort().at(-1)!,
      tool: { ...TOOL },
      runs: sorted,
      excluded,
      top: getTopFindings(sorted, argv.top),
    };
    await writeFileAtomic(join(out, SUMMARY_FILES.markdown), toSummaryMarkdown(summary));
    const { writeSummaryWorkbook } = await import('../summary/workbook.ts');
    await writeStreamAtomic(join(out, SUMMARY_FILES.workbook), (temp) => writeSummaryWorkbook(summary, temp));
    process.stdout.write(`Summarised ${runs.length} tenant run${runs.length === 1 ? '' : 's'} into ${out}:\n  ${join(out, SUMMARY_FILES.markdown)}\n  ${join(out, SUMMARY_FILES.workbook)}\n`);
    if (excluded.length > 0) {
      setExitCode(2);
      throw new AuditError('io', `${excluded.length} run folder${excluded.length === 1 ? '' : 's'} failed verification and ${excluded.length === 1 ? 'was' : 'were'} excluded: ${excluded.map((entry) => entry.dir).join(', ')}`, {
        hint: 'the summary covers the other folders; run `access-audit verify DIR` on the excluded ones',
      });
    }
    setExitCode(0);
  },
};
