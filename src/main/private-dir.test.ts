import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './db/test-fixtures.js';
import { ensurePrivateDir } from './private-dir.js';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private folders', () => {
  it('creates a missing folder, and its missing parents, readable by its owner only', () => {
    const dir = join(tempDir('private'), 'a', 'b');
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('narrows a folder that others could list or read', () => {
    const dir = join(tempDir('private'), 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });
});
