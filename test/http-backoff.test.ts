import { describe, expect, it } from 'vitest';
import { getBackoffDelay, getRetryDelay, isRetryableError, isRetryableStatus, parseRetryAfter } from '../src/collect/http/backoff.ts';

describe('retryable statuses', () => {
  it.each([429, 502, 503, 504])('retries %i', (status) => expect(isRetryableStatus(status)).toBe(true));
  it.each([200, 400, 401, 403, 404, 500])('never retries %i', (status) => expect(isRetryableStatus(status)).toBe(false));
});

describe('retryable transport errors', () => {
  const withCode = (code: string): Error => Object.assign(new Error('x'), { code });
  it('retries resets, closed sockets and timeouts', () => {
    expect(isRetryableError(withCode('ECONNRESET'))).toBe(true);
    expect(isRetryableError(withCode('UND_ERR_SOCKET'))).toBe(true);
    expect(isRetryableError(new DOMException('timed out', 'TimeoutError'))).toBe(true);
    expect(isRetryableError(new Error('wrapped', { cause: withCode('EPIPE') }))).toBe(true);
  });
  it('does not retry a DNS failure or a plain bug', () => {
    expect(isRetryableError(withCode('ENOTFOUND'))).toBe(false);
    expect(isRetryableError(new TypeError('bug'))).toBe(false);
  });
});

describe('full-jitter backoff', () => {
  it('grows exponentially and is capped', () => {
    const top = () => 0.999999;
    expect(getBackoffDelay(0, 100, 10_000, top)).toBe(99);
    expect(getBackoffDelay(3, 100, 10_000, top)).toBe(799);
    expect(getBackoffDelay(20, 100, 10_000, top)).toBe(9999);
  });
  it('draws uniformly from zero (full jitter, not equal jitter)', () => {
    expect(getBackoffDelay(5, 100, 10_000, () => 0)).toBe(0);
    expect(getBackoffDelay(5, 100, 10_000, () => 0.5)).toBe(1600);
  });
  it('never exceeds the cap for any attempt and random value', () => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      for (const r of [0, 0.3, 0.9999]) expect(getBackoffDelay(attempt, 1000, 60_000, () => r)).toBeLessThan(60_000);
    }
  });
});

describe('Retry-After', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it('reads delta seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['7'], now)).toBe(7000);
  });
  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
  it('wins over backoff when present, capped at the maximum', () => {
    expect(getRetryDelay(0, 2000, { baseMs: 10, maxMs: 60_000, random: () => 0.5 })).toBe(2000);
    expect(getRetryDelay(0, 3_600_000, { baseMs: 10, maxMs: 60_000 })).toBe(60_000);
    expect(getRetryDelay(2, null, { baseMs: 10, maxMs: 60_000, random: () => 0.5 })).toBe(20);
  });
});
