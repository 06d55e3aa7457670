import { XMLParser } from 'fast-xml-parser';
import { toRoleGraphCsv } from './role-graph/csv.ts';
import type { RoleGraphMode, SimRoleGraph } from './role-graph/types.ts';
import { toUnauthorizedReply, type Reply } from './replies.ts';

/**
 * BI Publisher's ExternalReportWSSService on the simulated pod (oracle-reference §9.5): SOAP 1.2
 * runReport for the one role-graph report, answered with the CSV base64 in reportBytes, and
 * SOAP faults named after BI Publisher's exception classes for everything else.
 */
export const BIP_PATH = '/xmlpserver/services/ExternalReportWSSService';

const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const PUBLIC_REPORT = 'http://xmlns.oracle.com/oxp/service/PublicReportService';
const EXCEPTIONS = 'oracle.xdo.webservice.exception';

/** Oracle's ReportRequest sequence (the elements a request may send, in this order). */
const REPORT_REQUEST_ORDER = [
  'attributeCalendar', 'attributeFormat', 'attributeLocale', 'attributeTemplate', 'attributeTimezone', 'attributeUILocale',
  'byPassCache', 'dynamicDataSource', 'flattenXML', 'parameterNameValues', 'reportAbsolutePath', 'reportData',
  'reportDataFileName', 'reportOutputPath', 'reportRawData', 'sizeOfDataChunkDownload',
];

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const toFaultReply = (exception: string, message: string, code = 'env:Receiver'): Reply => ({
  status: 500,
  contentType: 'application/soap+xml; charset=UTF-8',
  body: `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${SOAP12}"><env:Body><env:Fault>`
    + `<env:Code><env:Value>${code}</env:Value></env:Code>`
    + `<env:Reason><env:Text xml:lang="en">${EXCEPTIONS}.${exception}: ${escapeXml(message)}</env:Text></env:Reason>`
    + `<env:Detail><ns2:${exception} xmlns:ns2="${PUBLIC_REPORT}"/></env:Detail>`
    + '</env:Fault></env:Body></env:Envelope>',
});

const toReportReply = (csv: string): Reply => ({
  status: 200,
  contentType: 'application/soap+xml; charset=UTF-8',
  body: `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${SOAP12}"><env:Header/><env:Body>`
    + `<ns2:runReportResponse xmlns:ns2="${PUBLIC_REPORT}"><ns2:runReportReturn>`
    + `<ns2:metaDataList/><ns2:reportBytes>${Buffer.from(csv, 'utf8').toString('base64')}</ns2:reportBytes>`
    + '<ns2:reportContentType>text/plain;charset=UTF-8</ns2:reportContentType><ns2:reportFileID/><ns2:reportLocale>en-US</ns2:reportLocale>'
    + '</ns2:runReportReturn></ns2:runReportResponse></env:Body></env:Envelope>',
});

// preserveOrder keeps the element sequence, so the route can check it like a validating server.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, preserveOrder: true });

type Ordered = Record<string, unknown>[];

const findChild = (nodes: Ordered | undefined, name: string): Ordered | undefined => {
  const node = nodes?.find((entry) => name in entry);
  return node === undefined ? undefined : (node[name] as Ordered);
};

const getText = (nodes: Ordered | undefined): string =>
  (nodes ?? []).map((entry) => (typeof entry['#text'] === 'string' ? entry['#text'] : '')).join('').trim();

export interface BipRequest {
  graph: SimRoleGraph;
  mode: RoleGraphMode;
  contentType: string | undefined;
  body: string;
  /** null: the Basic credentials were refused (the web tier answers 401 before SOAP). */
  signedIn: boolean;
  /** Whether the caller may run the report (BI Consumer + catalog permissions). */
  mayRunReports: boolean;
}

/** Caches the served CSV per graph and mode (the bench graph's CSV is ~10 MB). */
const served = new WeakMap<SimRoleGraph, Map<RoleGraphMode, Reply>>();

export const getBipReply = (request: BipRequest): Reply => {
  if (!request.signedIn) return toUnauthorizedReply();
  if (!/^application\/soap\+xml\b/i.test(request.contentType ?? '')) {
    return { status: 415, contentType: 'text/plain; charset=utf-8', body: 'Unsupported Media Type: SOAP 1.2 requests are application/soap+xml\n' };
  }
  let document: Ordered;
  try {
    document = parser.parse(request.body, true) as Ordered;
  } catch {
    return toFaultReply('InvalidParametersException', 'the request is not well-formed XML', 'env:Sender');
  }
  const envelope = findChild(document, 'Envelope');
  const reportRequest = findChild(findChild(findChild(envelope, 'Body'), 'runReport'), 'reportRequest');
  if (reportRequest === undefined) return toFaultReply('InvalidParametersException', 'runReport/reportRequest is missing', 'env:Sender');
  const names = reportRequest.map((entry) => Object.keys(entry)[0] ?? '').filter((name) => name !== '#text');
  const positions = names.map((name) => REPORT_REQUEST_ORDER.indexOf(name));
  if (positions.some((position, i) => position < 0 || (i > 0 && position <= (positions[i - 1] as number)))) {
    return toFaultReply('InvalidParametersException', `reportRequest elements out of the ReportRequest sequence: ${names.join(', ')}`, 'env:Sender');
  }
  if (!request.mayRunReports) return toFaultReply('AccessDeniedException', 'PublicReportService::executeReport Failure: user does not have permission to run the report');
  const path = getText(findChild(reportRequest, 'reportAbsolutePath'));
  if (path !== request.graph.reportPath) {
    return toFaultReply('InvalidParametersException', `PublicReportService::executeReport Failure: Report ${path} is not found or the user lacks access to it`);
  }
  const format = getText(findChild(reportRequest, 'attributeFormat'));
  if (format.toLowerCase() !== 'csv') return toFaultReply('InvalidParametersException', `the report has no ${format || 'default'} output; it is defined with csv`);
  let byMode = served.get(request.graph);
  if (byMode === undefined) served.set(request.graph, (byMode = new Map<RoleGraphMode, Reply>()));
  let reply = byMode.get(request.mode);
  if (reply === undefined) byMode.set(request.mode, (reply = toReportReply(toRoleGraphCsv(request.graph, request.mode))));
  return reply;
};
