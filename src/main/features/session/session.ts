/**
 * Sign-in, sign-out and the session's lifecycle, without Electron (the
 * vault is passed in: safeStorage in the app, memory in the harness).
 *
 * - Sign-in sends login and password to the backend once, from main; the
 *   worker then runs on the returned tokens only, so the password is never
 *   kept. The tokens go to the vault (encrypted at rest when the OS has a
 *   secure store; otherwise, after the person agreed, memory only). The
 *   backend's login limit (429) is told to the person with its wait, never
 *   waited out here.
 * - The worker renews the access token with the refresh token and hands
 *   each new pair back (`saveTokens`) to be kept before it uses it.
 * - A later start reuses the saved tokens; when the backend no longer takes
 *   them (`auth-required` from the worker), the console is signed out
 *   (`expired`) and the cache is kept for the next sign-in.
 * - Sign-out stops the worker, ends the session on the backend (best
 *   effort), wipes the cache and the local documents, and forgets the tokens
 *   and the cache key. It refuses while actions wait to be sent, unless the
 *   person confirms (`force`).
 */
import type { LoginResponse } from '../../../shared/sync-protocol.js';
import type { SessionState, SignInResult, SignOutResult } from '../../../shared/ipc-shell.js';
import { HttpStatusError } from '../../sync/http-status-error.js';
import { sessionTokensOf } from '../../sync/session-tokens.js';
import type { SessionTokens } from '../../sync/session-tokens.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import type { StoredAgent } from './stored-session.js';
import type { SwitchableWorker } from './switchable-worker.js';
import type { SavedSession, SessionVault } from './vault.js';

export interface WorkerCredentials extends Partial<SessionTokens> {
  login: string;
  /** Empty when the worker runs on `token`. */
  password: string;
  /** Keeps a pair the worker renewed (only for a session kept in the vault). */
  saveTokens?: (tokens: SessionTokens) => Promise<void>;
}

export interface SessionOptions {
  backend: { kind: 'embedded' | 'remote'; url: string };
  vault: SessionVault;
  /** Known up front: the embedded demo login, or SUPPORT_CONSOLE_LOGIN/_PASSWORD. Used until someone signs in. */
  fixedCredentials: { login: string; password: string } | null;
  worker: SwitchableWorker;
  startWorker(credentials: WorkerCredentials): SyncWorkerHandle;
  login(baseUrl: string, login: string, password: string): Promise<LoginResponse>;
  /** Ends the session of `token` on the backend; best effort, bounded in time, never throws. */
  logout(baseUrl: string, token: string): Promise<unknown>;
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
  // Bumped whenever the session's worker goes: a pair renewed by a worker that is gone is not kept.
  let generation = 0;
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
      generation += 1;
      await o.worker.replace(null);
      await o.vault.forgetSession();
      changed();
    });
  });

  /** The worker for a session kept in the vault: it runs on `saved`'s tokens and keeps the pairs it renews. */
  const startTokenWorker = (saved: SavedSession): SyncWorkerHandle => {
    const mine = ++generation;
    const { backendUrl, login, ...tokens } = saved;
    return o.startWorker({
      login,
      password: '',
      ...tokens,
      saveTokens: async (renewed) => {
        if (mine !== generation) return;
        await o.vault.writeSession({ backendUrl, login, ...renewed }, o.vault.storage === 'secure');
      },
    });
  };

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
        if (error instanceof HttpStatusError && error.status === 429) {
          // The backend's limit lasts up to 15 minutes: a minute rounded up, never "0 min".
          const retryAfterMinutes = Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 60_000));
          return { ok: false, reason: 'too_many_attempts', retryAfterMinutes, message: error.message };
        }
        return {
          ok: false,
          reason: 'unreachable',
          message: error instanceof Error ? error.message : 'The backend did not answer.',
        };
      }
      const saved: SavedSession = { backendUrl: o.backend.url, login: loginName, ...sessionTokensOf(answer) };
      await o.vault.writeSession(saved, o.vault.storage === 'secure');
      lastLogin = loginName;
      password = null;
      o.onSignedIn(answer.agent);
      await o.worker.replace(startTokenWorker(saved));
      signedIn = true;
      signedOutBecause = null;
      changed();
      return { ok: true, state: state() };
    });

  const signOut = (opts: { force: boolean }): Promise<SignOutResult> =>
    serial(async () => {
      const pending = o.outboxPending();
      if (pending > 0 && !opts.force) return { ok: false, reason: 'outbox_pending', pending };
      generation += 1;
      await o.worker.replace(null);
      signedIn = false;
      signedOutBecause = 'signed-out';
      password = null;
      // Read after the worker stopped: it may have renewed the pair since sign-in.
      const saved = await o.vault.readSession();
      if (saved !== null && saved.backendUrl === o.backend.url)
        await o.logout(o.backend.url, saved.token).catch(() => undefined);
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
        void o.worker.replace(startTokenWorker(saved));
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
