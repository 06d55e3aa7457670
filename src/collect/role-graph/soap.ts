import { XMLParser } from 'fast-xml-parser';

/**
 * BI Publisher's ExternalReportWSSService.runReport (oracle-reference §9.5): the request envelope
 * and the reading of its answer. Pure: no I/O.
 */

export const BIP_SERVICE_PATH = '/xmlpserver/services/ExternalReportWSSService';
export const PUBLIC_REPORT_NS = 'http://xmlns.oracle.com/oxp/service/PublicReportService';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const SOAP12_CONTENT_TYPE = 'application/soap+xml; charset=UTF-8';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * The SOAP 1.2 runReport request. reportRequest's elements stay in the order of Oracle's
 * ReportRequest type (attributeFormat … byPassCache … flattenXML … reportAbsolutePath …
 * sizeOfDataChunkDownload), in case the server validates the sequence. -1: the whole output inline.
 */
export const toRunReportEnvelope = (reportPath: string): string => [
  '<?xml version="1.0" encoding="UTF-8"?>',
  `<soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:pub="${PUBLIC_REPORT_NS}">`,
  '<soap:Header/>',
  '<soap:Body>',
  '<pub:runReport>',
  '<pub:reportRequest>',
  '<pub:attributeFormat>csv</pub:attributeFormat>',
  '<pub:byPassCache>true</pub:byPassCache>',
  '<pub:flattenXML>false</pub:flattenXML>',
  `<pub:reportAbsolutePath>${escapeXml(reportPath)}</pub:reportAbsolutePath>`,
  '<pub:sizeOfDataChunkDownload>-1</pub:sizeOfDataChunkDownload>',
  '</pub:reportRequest>',
  '<pub:appParams/>',
  '</pub:runReport>',
  '</soap:Body>',
  '</soap:Envelope>',
].join('');

export type RunReportAnswer =
  | { kind: 'report'; bytes: Buffer; contentType: string | null }
  | { kind: 'fault'; code: string | null; reason: string; exception: string | null }
  | { kind: 'unreadable'; reason: string };

// Prefixes (env:, soapenv:, ns2:, a default namespace) vary between servers: match local names.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // reportBytes is ~14 MB of base64 for a large graph: taken as raw text, not scanned as XML.
  stopNodes: ['*.reportBytes'],
});

type Node = Record<string, unknown>;

const child = (node: unknown, name: string): unknown => {
  if (node === null || typeof node !== 'object') return undefined;
  const value = (node as Node)[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The text of an element, whether the parser gave a string or an object with #text. */
const textOf = (node: unknown): string | null => {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (node !== null && typeof node === 'object' && '#text' in node) return textOf((node as Node)['#text']);
  return null;
};

/** A Java exception class (oracle.xdo.webservice.exception.AccessDeniedException) in a fault text. */
const EXCEPTION_CLASS = /\b(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b/;

const findException = (reason: string, detail: unknown): string | null => {
  const inReason = EXCEPTION_CLASS.exec(reason)?.[0];
  if (inReason !== undefined) return inReason;
  // Some servers put the class only in Detail, as an empty element named after it.
  if (detail !== null && typeof detail === 'object') {
    for (const key of Object.keys(detail)) {
      const match = EXCEPTION_CLASS.exec(key) ?? EXCEPTION_CLASS.exec(textOf((detail as Node)[key]) ?? '');
      if (match !== null) return match[0];
    }
  }
  return null;
};

const toOneLine = (text: string, max = 300): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Reads a runReport answer: the report bytes, a SOAP fault (1.2, or 1.1 faultstring), or why neither. */
export const parseRunReportAnswer = (xml: string): RunReportAnswer => {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    return { kind: 'unreadable', reason: `not XML (${toOneLine((error as Error).message, 120)})` };
  }
  const body = child(child(document, 'Envelope'), 'Body');
  if (body === undefined) return { kind: 'unreadable', reason: 'no SOAP Envelope/Body' };
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    const reason = textOf(child(child(fault, 'Reason'), 'Text')) ?? textOf(child(fault, 'faultstring')) ?? '';
    const code = textOf(child(child(fault, 'Code'), 'Value')) ?? textOf(child(fault, 'faultcode'));
    const detail = child(fault, 'Detail') ?? child(fault, 'detail');
    return { kind: 'fault', code, reason: toOneLine(reason || '(no reason text)'), exception: findException(reason, detail) };
  }
  const result = child(child(body, 'runReportResponse'), 'runReportReturn');
  if (result === undefined) return { kind: 'unreadable', reason: 'no runReportResponse/runReportReturn in the SOAP Body' };
  const base64 = textOf(child(result, 'reportBytes'));
  return {
    kind: 'report',
    // An absent or empty reportBytes is an empty report (no rows), judged by the caller.
    // Node's base64 decoder skips the line breaks some servers put in long base64 text.
    bytes: Buffer.from(base64 ?? '', 'base64'),
    contentType: textOf(child(result, 'reportContentType')),
  };
};

/** What a fault usually means, by exception class (BI Publisher names the class in the reason text). */
export const getFaultHint = (exception: string | null): string => {
  const name = exception?.split('.').pop() ?? '';
  if (name === 'AccessDeniedException') return 'the audit account may not run this report: grant it BI Consumer and Read/Run on the report and data model folders (bip/README.md)';
  if (name === 'InvalidParametersException') return 'no report at this path, or the path is cased differently: check roleGraph.report against the BI catalog';
  if (name === 'OperationFailedException') return 'the report failed on the server: run it once in the BI catalog to see the data model error';
  return 'see bip/README.md';
};
