/**
 * `npm start` (scripts/start.mjs) on a machine without the Electron binary:
 * it must say so plainly, point to the browser console and stop, without
 * building anything. (With the binary it builds and runs the app: only a
 * machine that has it can check that.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

describe('npm start without the Electron binary', () => {
  it('says the binary is missing and points to npm run start:browser', () => {
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        SUPPORT_CONSOLE_ELECTRON_DIR: mkdtempSync(join(tmpdir(), 'no-electron-')),
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The Electron binary is missing');
    expect(run.stderr).toContain('npm run start:browser');
    // It stopped before building: no electron-vite output.
    expect(run.stdout).not.toMatch(/vite|building/i);
  });
});
