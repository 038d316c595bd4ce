/**
 * One sync worker handle whose worker can be replaced: sign-in starts a
 * worker with the new credentials, sign-out stops it. Features keep the
 * handle they were given (FeatureDeps.sync); calls go to the worker running
 * now, or fail with "signed out" when none is.
 */
import type { SyncEventListener } from '../../sync/events.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import { forwardCalls, invokeCall } from '../../sync/worker-protocol.js';

export interface SwitchableWorker extends SyncWorkerHandle {
  /** Stops the running worker (if any) and runs `next` instead. */
  replace(next: SyncWorkerHandle | null): Promise<void>;
  readonly running: boolean;
}

export class SignedOutError extends Error {
  constructor() {
    super('signed out: sign in to sync with the backend');
    this.name = 'SignedOutError';
  }
}

export function createSwitchableWorker(first: SyncWorkerHandle | null): SwitchableWorker {
  const listeners = new Set<SyncEventListener>();
  let current: SyncWorkerHandle | null = null;
  let unsubscribe: (() => void) | null = null;
  let started: Promise<void> = Promise.resolve();

  const attach = (worker: SyncWorkerHandle | null): void => {
    current = worker;
    unsubscribe =
      worker?.events.subscribe((event) => {
        for (const l of listeners) l(event);
      }) ?? null;
    started = worker?.started ?? Promise.resolve();
  };
  attach(first);

  return {
    events: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    get started() {
      return started;
    },
    get running() {
      return current !== null;
    },
    pullNow() {
      current?.pullNow();
    },
    // Each call goes to the worker running when it is made; signed out, it rejects with SignedOutError.
    ...forwardCalls((method, args) =>
      current === null ? Promise.reject(new SignedOutError()) : invokeCall(current, method, args),
    ),
    async replace(next) {
      const old = current;
      unsubscribe?.();
      unsubscribe = null;
      current = null;
      if (old !== null) await old.stop();
      attach(next);
    },
    async stop() {
      await this.replace(null);
      listeners.clear();
    },
  };
}
