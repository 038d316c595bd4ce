import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatCount,
  formatDateTime,
  formatDay,
  formatShort,
  olderThanADay,
} from './format.js';

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

describe('formatAge', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('says how long ago in the largest unit that fits, in each language', () => {
    expect(formatAge(ago(3 * 3600_000 + 20 * 60_000), 'fr', now)).toMatch(/^il y a 3\sh$/u);
    expect(formatAge(ago(5 * 60_000), 'en', now)).toMatch(/^5 min\.? ago$/u);
    expect(formatAge(ago(2 * 86_400_000), 'de', now)).toMatch(/^vor 2\sTagen$/u);
    expect(formatAge(ago(3 * 86_400_000), 'fr', now)).toMatch(/^il y a 3\sjours$/u);
    expect(formatAge(ago(70 * 86_400_000), 'fr', now)).toMatch(/^il y a 2\smois$/u);
    expect(formatAge(ago(10_000), 'fr', now)).toBe('maintenant');
    // A clock a little behind the backend's: never "in 2 min".
    expect(formatAge(ago(-120_000), 'en', now)).toBe('now');
  });

  it('marks what is more than a day old', () => {
    expect(olderThanADay(ago(86_400_000 + 1000), now)).toBe(true);
    expect(olderThanADay(ago(23 * 3600_000), now)).toBe(false);
  });
});
