import { describe, expect, it } from 'vitest';
import { rebuildWhy } from './rebuild-reason.js';

describe('rebuildWhy', () => {
  it.each([
    ['quick_check failed: *** in database main *** Page 12: btreeInitPage() returns error code 11', 'damaged'],
    ['file is not a database', 'damaged'],
    ['backend changed from http://127.0.0.1:4010', 'otherBackend'],
    ['cursor minted for another scope', 'serverHistory'],
    ['history_diverged: the backend no longer has the commit at seq 120', 'serverHistory'],
    ['the cache key could not be read', 'keyLost'],
    ['something new', 'other'],
  ])('%s → %s', (reason, why) => {
    expect(rebuildWhy(reason)).toBe(why);
  });
});
