/**
 * `npm start` (scripts/start.mjs) and `npm run dev` (scripts/dev.mjs) on a
 * machine without the Electron binary: they must say so plainly, point to
 * the browser console and stop, without building anything. (With the binary
 * they build and run the app: only a machine that has it can check that.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = (name: string) => fileURLToPath(new URL(`../../../scripts/${name}`, import.meta.url));

function runWithoutElectron(name: string) {
  return spawnSync(process.execPath, [script(name)], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      SUPPORT_CONSOLE_ELECTRON_DIR: mkdtempSync(join(tmpdir(), 'no-electron-')),
    },
  });
}

describe('npm run dev without the Electron binary', () => {
  it('says the binary is missing and points to the browser harness in watch mode', () => {
    const run = runWithoutElectron('dev.mjs');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The Electron binary is missing');
    expect(run.stderr).toContain('npm run dev:browser');
    expect(run.stdout).not.toMatch(/vite|building/i);
  });
});

describe('npm start without the Electron binary', () => {
  it('says the binary is missing and points to npm run start:browser', () => {
    const run = spawnSync(process.execPath, [script('start.mjs')], {
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
