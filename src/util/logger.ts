/**
 * The one logger. Writes to stderr (stdout is for results), as text or JSON lines, and
 * redacts anything that looks like a credential before it is printed.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  readonly level: LogLevel | 'silent';
  readonly format: LogFormat;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1$2 [REDACTED]'],
  [/\b(basic|bearer)\s+[A-Za-z0-9._~+/-]{8,}={0,2}/gi, '$1 [REDACTED]'],
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1[REDACTED]@'],
  // `password=…` and `"password": "…"`, but never `password: unknown key` (a word after a colon is prose).
  [/(\b(?:password|token|secret)\w*\s*=\s*)[^\s&,;"'}]+/gi, '$1[REDACTED]'],
  [/((?:password|token|secret)\w*["']\s*:\s*["'])[^"']+/gi, '$1[REDACTED]'],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes credentials from a string that is about to be printed. */
export const redact = (text: string, secrets: readonly string[] = registeredSecrets): string => {
  let out = text;
  for (const secret of secrets) {
    // A short secret ("abc") would eat parts of words if replaced everywhere: only as a whole token.
    out = secret.length >= 4 ? out.split(secret).join('[REDACTED]') : out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, 'g'), '[REDACTED]');
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
};

/** Secret values read from the environment; the logger blanks them wherever they appear. */
const registeredSecrets: string[] = [];
export const registerSecret = (value: string): void => {
  if (value !== '' && !registeredSecrets.includes(value)) registeredSecrets.push(value);
};

export interface LoggerOptions {
  level?: LogLevel | 'silent';
  format?: LogFormat;
  write?: (line: string) => void;
}

export const createLogger = (options: LoggerOptions = {}): Logger => {
  const level = options.level ?? 'info';
  const format = options.format ?? 'text';
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (level === 'silent' || ORDER[at] < ORDER[level]) return;
    if (format === 'json') {
      write(redact(JSON.stringify({ time: new Date().toISOString(), level: at, message, ...fields })));
      return;
    }
    const extra = fields && Object.keys(fields).length > 0
      ? ` ${Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`
      : '';
    write(redact(`${at === 'info' ? '' : `${at}: `}${message}${extra}`));
  };
  return {
    level,
    format,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
};

/** A logger that prints nothing (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
