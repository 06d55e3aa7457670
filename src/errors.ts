/**
 * Typed errors. Every expected failure is one of these; `cli.ts` is the only place that turns
 * them into a message line and an exit code. Anything else is a bug and prints its stack.
 */
export type ErrorKind = 'usage' | 'config' | 'policy' | 'waiver' | 'snapshot' | 'payload' | 'collection' | 'browser' | 'io';

export class AuditError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  /** Exit code the CLI uses for this error; all expected errors are 2 (usage / input / incomplete data). */
  readonly exitCode = 2;
  constructor(kind: ErrorKind, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AuditError';
    this.kind = kind;
    this.hint = options.hint;
  }
}

/** Bad command-line use (unknown option value, missing file argument, …). */
export const usageError = (message: string, hint?: string): AuditError => new AuditError('usage', message, { hint });

/** A list of problems found in one input (config, policy, waiver): all reported at once. */
export class ValidationError extends AuditError {
  readonly problems: string[];
  constructor(kind: ErrorKind, problems: string[], hint?: string) {
    super(kind, problems.join('\n'), { hint });
    this.problems = problems;
  }
}

export const isAuditError = (error: unknown): error is AuditError => error instanceof AuditError;
