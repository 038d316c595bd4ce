/**
 * The reference backend in its own process, as a real deployment would be:
 * the benchmarks give it its own core, and the multi-process tests start
 * several on one PostgreSQL database. `args` are src/server/cli.ts's flags.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

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
