/** The browser harness in its own process, for the UI benchmarks. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from '../src/server/testing/backend-process.js';
import { log } from './stats.js';

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
