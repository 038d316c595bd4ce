import { describe, expect, it } from 'vitest';
import { effectiveSort, sortAvailable } from './queue-sort.js';

describe('queue sorts', () => {
  it('offers oldest-first and priority for open work only, and falls back to last update otherwise', () => {
    expect(sortAvailable('age', ['new', 'open'])).toBe(true);
    expect(sortAvailable('priority', ['pending'])).toBe(true);
    expect(sortAvailable('age', ['open', 'solved'])).toBe(false);
    expect(sortAvailable('priority', ['closed'])).toBe(false);
    expect(sortAvailable('updated', ['closed', 'solved'])).toBe(true);
    expect(effectiveSort('priority', ['new', 'closed'])).toBe('updated');
    expect(effectiveSort('age', ['new'])).toBe('age');
  });
});
