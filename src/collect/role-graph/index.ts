import { readFile } from 'node:fs/promises';
import type { RoleGraphConfig } from '../../config/types.ts';
import { AuditError, isAuditError, ValidationError, type ErrorKind } from '../../errors.ts';
import type { RoleGraph, RoleGraphSource } from '../../model/role-graph.ts';
import type { HttpClient } from '../http/client.ts';
import { buildRoleGraph, checkDirection } from './build.ts';
import { parseRoleGraphCsv } from './rows.ts';
import { BIP_SERVICE_PATH, getFaultHint, parseRunReportAnswer, SOAP12_CONTENT_TYPE, toRunReportEnvelope } from './soap.ts';

/**
 * The role graph (oracle-reference §9): run the bip/ report on the tenant through BI Publisher's
 * SOAP service (the audit's one POST), or read the same CSV from a file. Either way the rows go
 * through the same parser, builder and sanity checks, so both give the same graph.
 */
export const ROLE_GRAPH_SOURCE = 'role-graph';

export interface RoleGraphResult {
  graph: RoleGraph | null;
  /** Why the graph is missing (the role-graph source is then incomplete): one line each. */
  problems: string[];
}

/** The first line of an error with several (the rest are in the file the user can fix). */
const toOneLine = (error: AuditError): string => {
  const problems = error instanceof ValidationError ? error.problems : error.message.split('\n');
  return `${problems[0] ?? error.message}${problems.length > 1 ? ` (+${problems.length - 1} more problems)` : ''}`;
};

/** Rows → graph, then the checks that make a graph unusable (empty, inverted). Throws one ValidationError line. */
const toCheckedGraph = (text: string, source: RoleGraphSource, location: string, kind: ErrorKind, emptyMeaning: string): RoleGraph => {
  const rows = parseRoleGraphCsv(text, location, kind);
  if (rows.length === 0) throw new ValidationError(kind, [`${location}: ${emptyMeaning}`]);
  const graph = buildRoleGraph(rows, source);
  const inverted = checkDirection(graph, location);
  if (inverted !== null) throw new ValidationError(kind, [inverted]);
  return graph;
};

/**
 * Reads and checks `roleGraph.file` before any request is sent: a bad file is one error line and
 * exit 2 before the (long) collection, never an incomplete snapshot.
 */
export const readRoleGraphFile = async (config: Extract<RoleGraphConfig, { kind: 'file' }>, readAt: string): Promise<RoleGraph> => {
  let text: string;
  try {
    text = await readFile(config.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuditError('config', `roleGraph.file: cannot read ${config.path} (${code})`, { hint: 'the path is relative to the config file' });
  }
  return toCheckedGraph(text, { kind: 'file', location: config.configured, readAt }, config.path, 'payload',
    'no rows: a role graph is never empty (export the role-graph report again, with its header row)');
};

/**
 * Runs the report: POST {baseUrl}/xmlpserver/services/ExternalReportWSSService (SOAP 1.2
 * runReport, CSV output, inline). Retries, the concurrency cap and the credentials are the HTTP
 * client's. Never throws for tenant-side problems: a fault, an unreadable answer or a failed
 * check is one line in `problems`.
 */
export const collectRoleGraph = async (client: HttpClient, baseUrl: string, reportPath: string, now: () => Date): Promise<RoleGraphResult> => {
  const where = `BI Publisher report ${reportPath}`;
  try {
    const response = await client.postText(new URL(`${baseUrl}${BIP_SERVICE_PATH}`), {
      source: ROLE_GRAPH_SOURCE,
      body: toRunReportEnvelope(reportPath),
      contentType: SOAP12_CONTENT_TYPE,
      // A SOAP fault comes with HTTP 500 (400 from some stacks): read it for its reason.
      acceptStatuses: [400, 500],
    });
    const answer = parseRunReportAnswer(String(response.body));
    if (answer.kind === 'fault') {
      const name = answer.exception ?? answer.code ?? 'unknown';
      return { graph: null, problems: [`${ROLE_GRAPH_SOURCE}: ${where}: SOAP fault ${name}: ${answer.reason} (${getFaultHint(answer.exception)})`] };
    }
    if (answer.kind === 'unreadable') {
      return { graph: null, problems: [`${ROLE_GRAPH_SOURCE}: ${where}: HTTP ${response.status} from ${response.displayUrl} is not a runReport answer: ${answer.reason}`] };
    }
    const text = answer.bytes.toString('utf8');
    const graph = toCheckedGraph(text, { kind: 'bip', location: reportPath, readAt: now().toISOString() }, `${ROLE_GRAPH_SOURCE}: ${where}`, 'collection',
      'returned no rows: a 200 with no rows means the audit account lacks data security on the ASE views, never an empty graph (bip/README.md)');
    client.recordPage(ROLE_GRAPH_SOURCE, graph.edges.length);
    return { graph, problems: [] };
  } catch (error) {
    if (!isAuditError(error)) throw error;
    return { graph: null, problems: [toOneLine(error)] };
  }
};
