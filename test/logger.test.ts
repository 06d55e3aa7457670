import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.ts';
import { createLogger, redact } from '../src/util/logger.ts';

const config = (extra: object = {}) => ({
  tenant: { name: 't', baseUrl: 'https://pod.example.com', auth: { type: 'basic', username: 'AUDIT_SVC', passwordEnv: 'AUDIT_PW' } },
  ...extra,
});

describe('logger redaction', () => {
  it('blanks Authorization headers, URL credentials and key=value secrets', () => {
    expect(redact('authorization: Basic QVVESVRfU1ZDOmh1bnRlcjI=')).toBe('authorization: Basic [REDACTED]');
    expect(redact('GET https://user:pa55@pod.example.com/x')).toBe('GET https://[REDACTED]@pod.example.com/x');
    expect(redact('{"password":"hunter2"}')).toBe('{"password":"[REDACTED]"}');
    expect(redact('Bearer eyJhbGciOiJIUzI1NiJ9.abc.def')).toBe('Bearer [REDACTED]');
  });

  it('never eats words: a key name in an error stays readable, a short secret only goes as a whole token', () => {
    expect(redact('/x/a.yaml:5: tenant.auth.password: unknown key')).toBe('/x/a.yaml:5: tenant.auth.password: unknown key');
    expect(redact('password=hunter2 rest')).toBe('password=[REDACTED] rest');
    expect(redact('pin abc in abcd and xabc, abc.', ['abc'])).toBe('pin [REDACTED] in abcd and xabc, [REDACTED].');
  });

  it('blanks every secret read from the environment wherever it appears in a log line', () => {
    parseConfig(config(), '/etc/audit.yaml', { env: { AUDIT_PW: 'correct-horse-battery' } });
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    logger.debug('payload echoed correct-horse-battery back', { body: 'x correct-horse-battery y' });
    logger.info('json too', {});
    expect(lines.join('\n')).not.toContain('correct-horse-battery');
    expect(lines[0]).toContain('[REDACTED]');
  });

  it('writes JSON lines with --log-format json', () => {
    const lines: string[] = [];
    createLogger({ format: 'json', write: (line) => lines.push(line) }).warn('careful', { source: 'hcm' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', message: 'careful', source: 'hcm' });
  });

  it('prints nothing below the chosen level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    logger.info('hidden');
    logger.error('shown');
    expect(lines).toEqual(['error: shown']);
  });
});
