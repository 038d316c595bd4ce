import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDateTime, formatDay, formatShort } from './format.js';

describe('formatBytes', () => {
  it('uses binary units in the UI language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'fr')).toMatch(/^1,5 Ko$/);
    expect(formatBytes(5 * 1024 * 1024, 'de')).toBe('5 MB');
    expect(formatBytes(0, 'fr')).toBe('0 o');
  });
});

describe('formatCount', () => {
  it('groups thousands as the Swiss do in each language', () => {
    expect(formatCount(1_000_000, 'fr')).toMatch(/^1\s000\s000$/u);
    expect(formatCount(1_000_000, 'de')).toMatch(/^1['’]000['’]000$/u);
    expect(formatCount(97_058, 'en')).toMatch(/^97['’]058$/u);
    expect(formatCount(43, 'fr')).toBe('43');
  });
});

describe('dates in Europe/Zurich', () => {
  it('shows summer time (UTC+2) and winter time (UTC+1)', () => {
    expect(formatDateTime('2026-07-01T06:15:00.000Z', 'de')).toContain('08:15');
    expect(formatDateTime('2026-01-15T06:15:00.000Z', 'fr')).toContain('07:15');
  });

  it('keeps calendar days as they are', () => {
    expect(formatDay('2027-01-31', 'fr')).toBe('31 janvier 2027');
    expect(formatDay('2027-01-31', 'de')).toBe('31. Januar 2027');
  });

  it('shows only the time for today in Zurich, a date otherwise', () => {
    const now = new Date('2026-03-10T22:30:00.000Z'); // 23:30 in Zurich
    expect(formatShort('2026-03-10T23:10:00.000Z', 'en', now)).not.toContain(':'); // 00:10 next day in Zurich
    expect(formatShort('2026-03-10T07:00:00.000Z', 'en', now)).toBe('08:00');
  });
});
