/**
 * Sign-in, sign-out and the session's lifecycle, without Electron (the
 * vault is passed in: safeStorage in the app, memory in the harness).
 *
 * - Sign-in sends login and password to the backend once, from main; the
 *   worker then runs on the returned token only, so the password is never
 *   kept. The token goes to the vault (encrypted at rest when the OS has a
 *   secure store; otherwise, after the person agreed, memory only).
 * - A later start reuses the saved token; when the backend no longer takes
 *   it (`auth-required` from the worker), the console is signed out
 *   (`expired`) and the cache is kept for the next sign-in.
 * - Sign-out stops the worker, wipes the cache and the local documents, and
 *   forgets the token and the cache key. It refuses while actions wait to be
 *   sent, unless the person confirms (`force`).
 */
import type { LoginResponse } from '../../../shared/sync-protocol.js';
import type { SessionState, SignInResult, SignOutResult } from '../../../shared/ipc-shell.js';
import { HttpStatusError } from '../../sync/http-status-error.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import type { StoredAgent } from './stored-session.js';
import type { SwitchableWorker } from './switchable-worker.js';
import type { SessionVault } from './vault.js';

export interface WorkerCredentials {
  login: string;
  /** Empty when the worker runs on `token`. */
  password: string;
  token?: string;
}

export interface SessionOptions {
  backend: { kind: 'embedded' | 'remote'; url: string };
  vault: SessionVault;
  /** Known up front: the embedded demo login, or SUPPORT_CONSOLE_LOGIN/_PASSWORD. Used until someone signs in. */
  fixedCredentials: { login: string; password: string } | null;
  worker: SwitchableWorker;
  startWorker(credentials: WorkerCredentials): SyncWorkerHandle;
  login(baseUrl: string, login: string, password: string): Promise<LoginResponse>;
  onSignedIn(agent: StoredAgent): void;
  /** Actions not yet confirmed by the backend (sign-out would drop them). */
  outboxPending(): number;
  /** Empties the cache and deletes local documents (the worker is stopped when this runs). */
  wipeLocalData(): Promise<void>;
  emit(state: SessionState): void;
}

export interface Session {
  /** Starts the worker with what is known (a saved token, else fixed credentials); signed out otherwise. */
  start(): Promise<void>;
  state(): SessionState;
  /** Login and password for a direct login, when the console has them (never after a token sign-in). */
  passwordCredentials(): { login: string; password: string } | null;
  handlers: {
    'session:state': () => SessionState;
    'session:signIn': (login: string, password: string) => Promise<SignInResult>;
    'session:acceptInsecureStorage': () => SessionState;
    'session:signOut': (opts: { force: boolean }) => Promise<SignOutResult>;
  };
}

export function createSession(o: SessionOptions): Session {
  let signedIn = false;
  let signedOutBecause: SessionState['signedOutBecause'] = 'never-signed-in';
  let insecureAccepted = false;
  let lastLogin: string | null = o.fixedCredentials?.login ?? null;
  let password: { login: string; password: string } | null = null;
  // Sign-in and sign-out never overlap: each waits for the one before.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const state = (): SessionState => ({
    backend: o.backend.kind,
    backendUrl: o.backend.url,
    signedIn,
    login: lastLogin,
    storage: o.vault.storage,
    insecureAccepted,
    signedOutBecause: signedIn ? null : signedOutBecause,
  });
  const changed = (): void => {
    o.emit(state());
  };

  o.worker.events.subscribe((event) => {
    if (event.type !== 'auth-required' || !signedIn) return;
    void serial(async () => {
      if (!signedIn) return;
      signedIn = false;
      signedOutBecause = 'expired';
      password = null;
      await o.worker.replace(null);
      await o.vault.forgetSession();
      changed();
    });
  });

  const signIn = (loginName: string, pass: string): Promise<SignInResult> =>
    serial(async () => {
      if (o.vault.storage !== 'secure' && !insecureAccepted) {
        return {
          ok: false,
          reason: 'insecure_storage',
          message: 'This computer has no secure store for the session: confirm before signing in.',
        };
      }
      let answer: LoginResponse;
      try {
        answer = await o.login(o.backend.url, loginName, pass);
      } catch (error) {
        if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403))
          return { ok: false, reason: 'bad_credentials', message: 'Login or password not accepted.' };
        return {
          ok: false,
          reason: 'unreachable',
          message: error instanceof Error ? error.message : 'The backend did not answer.',
        };
      }
      await o.vault.writeSession(
        { backendUrl: o.backend.url, login: loginName, token: answer.token },
        o.vault.storage === 'secure',
      );
      lastLogin = loginName;
      password = null;
      o.onSignedIn(answer.agent);
      await o.worker.replace(o.startWorker({ login: loginName, password: '', token: answer.token }));
      signedIn = true;
      signedOutBecause = null;
      changed();
      return { ok: true, state: state() };
    });

  const signOut = (opts: { force: boolean }): Promise<SignOutResult> =>
    serial(async () => {
      const pending = o.outboxPending();
      if (pending > 0 && !opts.force) return { ok: false, reason: 'outbox_pending', pending };
      await o.worker.replace(null);
      signedIn = false;
      signedOutBecause = 'signed-out';
      password = null;
      await o.wipeLocalData();
      await o.vault.wipe();
      changed();
      return { ok: true, state: state() };
    });

  return {
    async start() {
      const saved = await o.vault.readSession();
      if (saved !== null && saved.backendUrl === o.backend.url) {
        lastLogin = saved.login;
        void o.worker.replace(o.startWorker({ login: saved.login, password: '', token: saved.token }));
        signedIn = true;
      } else if (o.fixedCredentials !== null) {
        password = o.fixedCredentials;
        void o.worker.replace(o.startWorker({ ...o.fixedCredentials }));
        signedIn = true;
      }
      signedOutBecause = signedIn ? null : 'never-signed-in';
    },
    state,
    passwordCredentials: () => password,
    handlers: {
      'session:state': state,
      'session:signIn': signIn,
      'session:acceptInsecureStorage': () => {
        insecureAccepted = true;
        changed();
        return state();
      },
      'session:signOut': signOut,
    },
  };
}
