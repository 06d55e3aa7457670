import { EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE } from '../report/manifest/schema.ts';
import { OUTPUT_FILES } from '../report/types.ts';
import { RUN_FILES } from '../run/schema.ts';
import { LEGACY_SNAPSHOT_MANIFEST, SNAPSHOT_FILES } from '../snapshot/schema.ts';

/** Names the tool writes at the top of a run or evaluation folder. */
const RUN_FOLDER_FILES = new Set<string>([
  ...Object.values(OUTPUT_FILES), EVIDENCE_MANIFEST, EVIDENCE_SIGNATURE, RUN_FILES.findings, RUN_FILES.changes, RUN_FILES.evaluation,
]);
/** Names the tool writes in a snapshot folder (collect's --out, or a run folder's snapshot/). */
const SNAPSHOT_FOLDER_FILES = new Set<string>([...Object.values(SNAPSHOT_FILES), LEGACY_SNAPSHOT_MANIFEST]);

/** An atomic-write temp file (`.name.pid.hex.tmp`) left by an interrupted write. */
const isTempFile = (name: string): boolean => /^\.[^/]*\.tmp$/.test(name);

/**
 * Whether a path inside an output folder is one the tool writes: the only files --force may
 * clear. Anything else (a user's notes, a planted link) makes the folder someone else's.
 */
export const isToolFile = (path: string): boolean => {
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  if (isTempFile(name)) return true;
  if (parts.length === 1) return RUN_FOLDER_FILES.has(name) || SNAPSHOT_FOLDER_FILES.has(name);
  return parts.length === 2 && parts[0] === RUN_FILES.snapshot && SNAPSHOT_FOLDER_FILES.has(name);
};
