/**
 * How to start one of the sync's worker-thread entries (sync-worker,
 * feed-reader-worker). From source (tests, the CLI under tsx) the worker
 * must load TypeScript: `execArgv: ['--import', 'tsx']` is ignored by
 * workers on Node 20.20 ("Unknown file extension .ts"), so a two-line eval
 * bootstrap registers tsx's ESM hooks inside the worker, then imports the
 * entry. A build runs `<name>.js`; a bundler that emits it elsewhere than
 * beside this module passes its URL.
 */
export interface WorkerEntry {
  source: string | URL;
  evalCode: boolean;
}

export function workerEntry(name: string, override: URL | undefined): WorkerEntry {
  if (override !== undefined) return { source: override, evalCode: false };
  if (!import.meta.url.endsWith('.ts')) return { source: new URL(`./${name}.js`, import.meta.url), evalCode: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { source: code, evalCode: true };
}
