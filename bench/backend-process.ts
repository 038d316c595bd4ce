/**
 * The reference backend in its own process, as a real deployment would be:
 * it gets its own core, so the figures measure the console's side, not a
 * server sharing its event loop.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { log } from './stats.js';

export interface BackendProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBackendProcess(args: string[], timeoutMs: number): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', '--demo', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`backend did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${String(code)} before listening`));
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      } catch {
        // not the announcement line
      }
    });
  });
  return { url, child, stop: () => stopChild(child) };
}

/** SIGTERM, resolved once the process has exited (at once if it already had). */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface HarnessProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npm run start:browser`'s entry (builds stale assets first), pointed at the bench's backend and userData. */
export async function startHarnessProcess(backendUrl: string, userDataDir: string): Promise<HarnessProcess> {
  log('starting the browser harness (builds the renderer when stale)…');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/harness/cli.ts', '--user-data', userDataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      SUPPORT_CONSOLE_BACKEND_URL: backendUrl,
      SUPPORT_CONSOLE_LOGIN: 'lea',
      SUPPORT_CONSOLE_PASSWORD: 'demo',
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the harness did not start within 180 s'));
    }, 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the harness exited with ${String(code)} before printing its URL`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^Open: (\S+)/.exec(line);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, child, stop: () => stopChild(child) };
}
