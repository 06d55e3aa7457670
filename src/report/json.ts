import { toJsonText } from '../util/stable-json.ts';
import type { ReportInput } from './types.ts';

/** findings.json re-written from the document: byte-identical to what evaluate wrote. */
export const toFindingsJson = (input: ReportInput): string => toJsonText(input.document);
