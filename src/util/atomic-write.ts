import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** A temp name beside the target, so rename() is atomic (same file system). */
const getTempPath = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/**
 * Writes a file atomically: temp file, then rename. A crash never leaves a half-written file
 * under the final name, and an existing file is only replaced once the new one is complete.
 */
export const writeFileAtomic = async (target: string, data: string | Uint8Array): Promise<void> => {
  await mkdir(dirname(target), { recursive: true });
  const temp = getTempPath(target);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};

/** Streams into a temp file and renames it into place when the producer finishes. */
export const writeStreamAtomic = async (target: string, produce: (temp: string) => Promise<void>): Promise<void> => {
  await mkdir(dirname(target), { recursive: true });
  const temp = getTempPath(target);
  try {
    await produce(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};

/** Pipes a readable into `target` atomically. */
export const writeReadableAtomic = (target: string, source: Readable): Promise<void> =>
  writeStreamAtomic(target, (temp) => pipeline(source, createWriteStream(temp)));
