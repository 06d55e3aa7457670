import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { OUTPUT_FILES } from '../types.ts';

/** A report's statement of the run it belongs to; null when the file states none. */
type RunIdReader = (bytes: Buffer) => Promise<string | null> | string | null;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

const fromJsonField = (bytes: Buffer, get: (value: Record<string, unknown>) => unknown): string | null => {
  try {
    const value = get(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
};

/**
 * The PDF's Title (Chromium writes the HTML <title> into the document information dictionary,
 * as a literal string or as UTF-16BE hex). Only that one entry is read, never the page content.
 */
const readPdfTitle = (bytes: Buffer): string | null => {
  const text = bytes.toString('latin1');
  const hex = /\/Title\s*<([0-9A-Fa-f\s]+)>/.exec(text)?.[1];
  if (hex !== undefined) {
    const raw = Buffer.from(hex.replace(/\s/g, ''), 'hex');
    if (raw[0] === 0xfe && raw[1] === 0xff) return raw.subarray(2).swap16().toString('utf16le');
    return raw.toString('latin1');
  }
  return /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text)?.[1]?.replace(/\\(.)/g, '$1') ?? null;
};

const READERS: Record<string, RunIdReader> = {
  'evaluation.json': (bytes) => fromJsonField(bytes, (value) => value.runId),
  [OUTPUT_FILES.sarif]: (bytes) => fromJsonField(bytes, (value) => {
    const id = (value.runs as { automationDetails?: { id?: string } }[] | undefined)?.[0]?.automationDetails?.id;
    return id?.split('/').at(-1);
  }),
  [OUTPUT_FILES.md]: (bytes) => /^Run `([^`]+)`/m.exec(bytes.toString('utf8'))?.[1] ?? null,
  [OUTPUT_FILES.junit]: (bytes) => {
    const parsed = xml.parse(bytes.toString('utf8')) as { testsuites?: { testsuite?: unknown } };
    const suites = [parsed.testsuites?.testsuite ?? []].flat() as { properties?: { property?: { name: string; value: string } | { name: string; value: string }[] } }[];
    const property = [suites[0]?.properties?.property ?? []].flat().find((p) => p.name === 'runId');
    return property?.value ?? null;
  },
  [OUTPUT_FILES.xlsx]: async (bytes) => {
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file('docProps/core.xml')?.async('string');
    const keywords = core === undefined ? null : /<cp:keywords>([^<]*)<\/cp:keywords>/.exec(core)?.[1] ?? null;
    return keywords?.startsWith('run:') === true ? keywords.slice(4) : null;
  },
  [OUTPUT_FILES.pdf]: (bytes) => /\brun (\S+)$/.exec(readPdfTitle(bytes) ?? '')?.[1] ?? null,
};

/**
 * Checks that every report in a run folder states the run id of the manifest: a PDF left over
 * from another run, hashed into a new manifest, is caught here. One line per mismatch.
 */
export const checkStatedRunIds = async (dir: string, paths: readonly string[], runId: string): Promise<string[]> => {
  const problems: string[] = [];
  for (const path of paths) {
    const read = READERS[path];
    if (read === undefined) continue;
    const file = join(dir, path);
    const info = await lstat(file).catch(() => null);
    if (info === null || !info.isFile()) continue;
    let stated: string | null;
    try {
      stated = await read(await readFile(file));
    } catch {
      stated = null;
    }
    if (stated === null) problems.push(`${path}: states no run id (the manifest is for run ${runId})`);
    else if (stated !== runId) problems.push(`${path}: belongs to run ${stated}, the manifest is for run ${runId} (a mixed folder)`);
  }
  return problems;
};
