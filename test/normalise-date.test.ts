import { describe, expect, it } from 'vitest';
import { normaliseDate } from '../src/collect/parse-payload.ts';

/** What normaliseDate did before its fast path: every date through Date.parse and toISOString. */
const viaDate = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined || value.trim() === '') return null;
  const text = value.trim();
  const isoLike = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const at = Date.parse(isoLike);
  return Number.isNaN(at) ? text : new Date(at).toISOString();
};

describe('normaliseDate', () => {
  it('gives exactly what the Date round trip gives, roll-overs and odd offsets included', () => {
    const samples: (string | null | undefined)[] = [null, undefined, '', '   ', 'not a date', '2009-05-25 00:00:00.000', ' 2019-12-25T02:56:17.629+00:00 '];
    for (const day of ['01', '09', '10', '28', '29', '30', '31', '32', '00']) {
      for (const month of ['01', '02', '04', '12', '13', '00']) {
        for (const time of ['00:00:00.000', '23:59:59.999', '24:00:00.000', '23:60:00.000', '23:59:60.000', '02:56:17.629']) {
          for (const zone of ['+00:00', 'Z', '+02:00', '-05:30', '']) samples.push(`2024-${month}-${day}T${time}${zone}`);
        }
      }
    }
    for (const value of samples) expect(normaliseDate(value), String(value)).toBe(viaDate(value));
  });

  it('turns Oracle REST dates into ISO-8601 UTC and keeps unreadable text as sent', () => {
    expect(normaliseDate('2019-12-25T02:56:17.629+00:00')).toBe('2019-12-25T02:56:17.629Z');
    expect(normaliseDate('2019-02-30T00:00:00.000+00:00')).toBe('2019-03-02T00:00:00.000Z');
    expect(normaliseDate('2019-12-25T02:56:17.629+01:00')).toBe('2019-12-25T01:56:17.629Z');
    expect(normaliseDate('yesterday')).toBe('yesterday');
  });
});
