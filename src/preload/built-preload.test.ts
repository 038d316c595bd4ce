/**
 * The preload as it ships: out/preload/index.cjs, run as Electron's sandbox
 * runs it (sandbox.ts). It must load with nothing but what the sandbox lets
 * it require, and expose exactly the contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../harness/build.js';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNELS } from '../shared/ipc.js';
import { runInPreloadSandbox, SANDBOX_MODULES } from './sandbox.js';
import type { SandboxRun } from './sandbox.js';

const BUILT_PRELOAD = join(PROJECT_ROOT, 'out/preload/index.cjs');

let run: SandboxRun;
beforeAll(() => {
  // Built by the test setup (vitest.setup.ts) when the sources are newer than out/.
  run = runInPreloadSandbox(readFileSync(BUILT_PRELOAD, 'utf8'), BUILT_PRELOAD);
});

describe('the built preload in the sandbox', () => {
  it('requires nothing the sandbox refuses', () => {
    expect(run.required.filter((name) => !(SANDBOX_MODULES as readonly string[]).includes(name))).toEqual([]);
  });

  it('exposes window.api with one function per contract channel and nothing else', () => {
    expect([...run.exposed.keys()]).toEqual(['api']);
    const api = run.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key]).toBe('function');
  });

  it('sends each call on its own channel with its arguments', async () => {
    const api = run.exposed.get('api') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await api['session:signIn']?.('lea', 'demo');
    await api['queue:counts']?.();
    expect(run.invoked.slice(-2)).toEqual([
      { channel: 'session:signIn', args: ['lea', 'demo'] },
      { channel: 'queue:counts', args: [] },
    ]);
  });

  it('delivers contract events, stops after unsubscribing, and refuses other events', () => {
    const api = run.exposed.get('api') as { on(event: string, l: (p: unknown) => void): () => void };
    expect(IPC_EVENT_CHANNELS).toContain('shell:open');
    const got: unknown[] = [];
    const off = api.on('shell:open', (p) => got.push(p));
    run.emit('shell:open', { kind: 'ticket', id: '1' });
    off();
    run.emit('shell:open', { kind: 'ticket', id: '2' });
    expect(got).toEqual([{ kind: 'ticket', id: '1' }]);
    expect(() => api.on('not:an-event', () => undefined)).toThrow(/unknown event/);
  });

  it('stays small: the channel names, not the schemas', () => {
    expect(readFileSync(BUILT_PRELOAD).length).toBeLessThan(8 * 1024);
  });
});
