import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.js';

describe('lazy', () => {
  it('loads on the first call only, and every caller gets the same value', async () => {
    let loads = 0;
    const get = lazy(() => {
      loads += 1;
      return Promise.resolve({ loads });
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it('tries again after a failed load', async () => {
    let attempt = 0;
    const get = lazy(() => {
      attempt += 1;
      return attempt === 1 ? Promise.reject(new Error('disk busy')) : Promise.resolve(attempt);
    });
    await expect(get()).rejects.toThrow('disk busy');
    await expect(get()).resolves.toBe(2);
  });
});
