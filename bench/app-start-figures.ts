/**
 * The `app.start` figures: the BUILT main process (out/main/index.js, built
 * when stale) started in a Node child with the recording `electron` fake
 * (src/main/shell/testing/built-main.ts), from the bundle's import to the
 * first window request (the fake's BrowserWindow constructor), Electron's
 * ready given at once. Two backends: a remote reference backend in its own
 * process (the embedded one must then not load at all) and the embedded
 * default. Each userData folder is started once unmeasured first (the cache
 * is created, the embedded backend seeds its demo data), then `runs` times;
 * every start quits cleanly, as a user's would, before the next.
 * The bare limit: `node -e ''`, spawn to exit, in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureAppBuild } from '../src/harness/build.js';
import { startBuiltMain } from '../src/main/shell/testing/built-main.js';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import { emit, log, percentile } from './stats.js';

const median = (samples: readonly number[]): number => percentile(samples, 50);

interface StartSample {
  /** The bundle's import → the first window request, in the child. */
  importMs: number;
  /** Spawn → the first window request, seen from here (Node's own start and the fake's loading included). */
  spawnMs: number;
  /** CPU time of the child's threads from the import to the window: steadier than wall time on a busy machine. */
  cpuMs: number;
}

async function startOnce(userDataDir: string, env: Record<string, string>, bundle?: string): Promise<StartSample> {
  const t0 = performance.now();
  const main = startBuiltMain({ userDataDir, env, ...(bundle !== undefined ? { bundle } : {}) });
  try {
    const window = await main.window;
    const sample = { importMs: window.sinceImportMs, spawnMs: performance.now() - t0, cpuMs: window.cpuSinceImportMs };
    await main.request({ cmd: 'quit' });
    const code = await main.exited;
    if (code !== 0) throw new Error(`the built main process exited with ${String(code)}:\n${main.output()}`);
    return sample;
  } finally {
    await main.kill();
  }
}

/** `node -e ''`: wall time spawn to exit; the CPU time it spent comes from a twin that prints its own at the end. */
function bareNode(): { wallMs: number; cpuMs: number } {
  const t0 = performance.now();
  const bare = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const wallMs = performance.now() - t0;
  const twin = spawnSync(
    process.execPath,
    ['-e', 'const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000))'],
    { encoding: 'utf8' },
  );
  if (bare.status !== 0 || twin.status !== 0) throw new Error('node -e "" failed');
  return { wallMs, cpuMs: Number(twin.stdout) };
}

export async function measureAppStart(opts: { dir: string; runs: number; bundle?: string }): Promise<void> {
  log('app.start: building out/ when stale…');
  ensureAppBuild();
  const limit = Array.from({ length: opts.runs }, bareNode);
  const limitMs = median(limit.map((l) => l.wallMs));
  const limitCpuMs = median(limit.map((l) => l.cpuMs));
  emit({
    bench: 'app.start.limit',
    n: limit.length,
    seconds: limitMs / 1000,
    perSecond: 1000 / limitMs,
    medianMs: limitMs,
    cpuMedianMs: limitCpuMs,
  });

  const backend = await startBackendProcess(
    ['--db', join(opts.dir, 'start-backend.sqlite'), '--seed', '1', '--tickets', '2000'],
    5 * 60_000,
  );
  try {
    const modes: { bench: string; backend: 'remote' | 'embedded'; env: Record<string, string> }[] = [
      {
        bench: 'app.start',
        backend: 'remote',
        env: {
          SUPPORT_CONSOLE_BACKEND_URL: backend.url,
          SUPPORT_CONSOLE_LOGIN: 'lea',
          SUPPORT_CONSOLE_PASSWORD: 'demo',
        },
      },
      { bench: 'app.start.embedded', backend: 'embedded', env: {} },
    ];
    for (const mode of modes) {
      const userDataDir = join(opts.dir, `start-${mode.backend}`);
      mkdirSync(userDataDir, { recursive: true });
      log(`${mode.bench}: a first start (cache created${mode.backend === 'embedded' ? ', demo data seeded' : ''})…`);
      await startOnce(userDataDir, mode.env, opts.bundle);
      const samples: StartSample[] = [];
      for (let i = 0; i < opts.runs; i++) samples.push(await startOnce(userDataDir, mode.env, opts.bundle));
      const importMs = median(samples.map((s) => s.importMs));
      const cpuMs = median(samples.map((s) => s.cpuMs));
      emit({
        bench: mode.bench,
        n: samples.length,
        seconds: importMs / 1000,
        perSecond: 1000 / importMs,
        backend: mode.backend,
        ...(opts.bundle !== undefined ? { bundle: opts.bundle } : {}),
        medianMs: importMs,
        maxMs: Math.max(...samples.map((s) => s.importMs)),
        spawnToWindowMedianMs: median(samples.map((s) => s.spawnMs)),
        limitBench: 'app.start.limit',
        limitMedianMs: limitMs,
        ratioToLimit: importMs / limitMs,
        cpuMedianMs: cpuMs,
        cpuRatioToLimit: cpuMs / limitCpuMs,
      });
    }
  } finally {
    await backend.stop();
  }
}
