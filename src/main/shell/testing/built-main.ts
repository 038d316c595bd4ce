/**
 * Runs the BUILT main process (out/main/index.js, as electron-vite emits it)
 * in a Node child process with the recording fake of `electron`
 * (built-main-child.mjs), and talks to it over the child's IPC channel
 * (built-main-driver.ts answers). Used by src/main/built-main.test.ts and the
 * `app.start` benchmark. out/ is built by vitest's setup (vitest.setup.ts →
 * ensureAppBuild in src/harness/build.ts), and by the benchmark the same way.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../../harness/build.js';
import type { DriverCommand, DriverMessage } from './built-main-driver.js';

export { PROJECT_ROOT };
export const BUILT_MAIN = join(PROJECT_ROOT, 'out/main/index.js');
export const BUILT_PRELOAD = join(PROJECT_ROOT, 'out/preload/index.cjs');
export const BUILT_RENDERER = join(PROJECT_ROOT, 'out/renderer');

export interface BuiltMain {
  child: ChildProcess;
  /** The bundle's module body has run (before ready: what it registers early is recorded). */
  imported: Promise<void>;
  /** The first window request, timed in the child (sinceImportMs: from the bundle's import). */
  window: Promise<Extract<DriverMessage, { type: 'window' }>>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  request<T>(command: DistributiveOmit<DriverCommand, 'id'>): Promise<T>;
  /** What the child printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL if still running; resolves once it exited. */
  kill(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface StartBuiltMainOptions {
  userDataDir: string;
  /** Added to a copy of this process's environment without SUPPORT_CONSOLE_*, ELECTRON_RENDERER_URL, NODE_OPTIONS. */
  env?: Record<string, string>;
  /** Wait for request({ cmd: 'ready' }) before Electron's ready (default: ready at once). */
  holdReady?: boolean;
  /** A file to log every thread's entry module and every package imported by name in (module-log.mjs). */
  moduleLog?: string;
  bundle?: string;
}

export interface ModuleLogLine {
  /** 0 for the main thread. */
  thread: number;
  kind: 'entry' | 'import';
  specifier: string;
  url: string;
}

export function readModuleLog(file: string): ModuleLogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [thread = '', kind = '', specifier = '', url = ''] = line.split('\t');
      return { thread: Number(thread), kind: kind === 'entry' ? 'entry' : 'import', specifier, url };
    });
}

export function startBuiltMain(opts: StartBuiltMainOptions): BuiltMain {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('SUPPORT_CONSOLE_') && !['ELECTRON_RENDERER_URL', 'NODE_OPTIONS'].includes(k))
      env[k] = v;
  const child = fork(
    fileURLToPath(new URL('./built-main-child.mjs', import.meta.url)),
    [opts.bundle ?? BUILT_MAIN, opts.userDataDir],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...env,
        ...opts.env,
        ...(opts.holdReady ? { BUILT_MAIN_HOLD_READY: '1' } : {}),
        ...(opts.moduleLog !== undefined ? { BUILT_MAIN_MODULE_LOG: opts.moduleLog } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      // Plain Node: whatever loaders the parent runs under (vitest, tsx) stay out of the child. module-log.mjs
      // runs in every thread (workers inherit execArgv) and only writes when BUILT_MAIN_MODULE_LOG is set.
      execArgv: ['--import', new URL('./module-log.mjs', import.meta.url).href],
    },
  );
  let printed = '';
  const keep = (chunk: Buffer): void => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let resolveWindow: (m: Extract<DriverMessage, { type: 'window' }>) => void = () => undefined;
  let rejectWindow: (e: Error) => void = () => undefined;
  const window = new Promise<Extract<DriverMessage, { type: 'window' }>>((resolve, reject) => {
    resolveWindow = resolve;
    rejectWindow = reject;
  });
  let resolveImported: () => void = () => undefined;
  let rejectImported: (e: Error) => void = () => undefined;
  const imported = new Promise<void>((resolve, reject) => {
    resolveImported = resolve;
    rejectImported = reject;
  });
  // A start that fails early must not leave an unhandled rejection behind when nobody waits.
  window.catch(() => undefined);
  imported.catch(() => undefined);
  child.on('message', (message: DriverMessage) => {
    if (message.type === 'imported') resolveImported();
    else if (message.type === 'window') resolveWindow(message);
    else if (message.type === 'reply') pending.get(message.id)?.resolve(message.value);
    else if (message.type === 'failed') pending.get(message.id)?.reject(new Error(message.message));
    if (message.type === 'reply' || message.type === 'failed') pending.delete(message.id);
  });
  void exited.then((code) => {
    const error = new Error(`the built main process exited (${String(code)}):\n${printed}`);
    rejectWindow(error);
    rejectImported(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  let nextId = 1;
  return {
    child,
    imported,
    window,
    exited,
    request<T>(command: DistributiveOmit<DriverCommand, 'id'>): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, {
          resolve: (v) => {
            resolve(v as T);
          },
          reject,
        });
        child.send({ ...command, id });
      });
    },
    output: () => printed,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
