import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AuditError } from '../../errors.ts';

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const findOnPath = (name: string): string | null => {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
};

/**
 * Chromium to print with: --browser, then PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium,
 * then chromium-browser / chromium / google-chrome on PATH. An explicit choice that does not
 * exist is an error rather than a silent fallback.
 */
export const getBrowserPath = (explicit?: string): string => {
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new AuditError('browser', `--browser ${explicit}: not an executable file`, { hint: 'apt-get install chromium, or pass --browser /path/to/chromium' });
  }
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new AuditError('browser', `PUPPETEER_EXECUTABLE_PATH=${fromEnv}: not an executable file`, { hint: 'apt-get install chromium' });
  }
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium-browser', 'chromium', 'google-chrome', 'google-chrome-stable']) {
    const found = findOnPath(name);
    if (found !== null) return found;
  }
  throw new AuditError('browser', 'no Chromium found for the PDF report (looked at --browser, PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, chromium-browser, google-chrome)', {
    hint: 'apt-get install chromium (or pass --browser PATH, or leave pdf out of --format)',
  });
};
