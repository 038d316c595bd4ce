/**
 * The shell part of the IPC contract (see ipc.ts, which joins the parts):
 * sign-in and sign-out for a remote backend, screen-capture protection, the
 * diagnostics archive, updates, and the events the desktop shell pushes (deep
 * links, menu commands, session changes, an update ready).
 */
import { z } from 'zod';

/**
 * Where the session token can be kept. `secure`: the OS's store (Keychain,
 * DPAPI, libsecret/kwallet). `insecure`: Linux `basic_text`, a hard-coded
 * password, i.e. no protection. `none`: no encryption at all.
 */
export type CredentialStorage = 'secure' | 'insecure' | 'none';

export interface SessionState {
  backend: 'embedded' | 'remote';
  backendUrl: string;
  signedIn: boolean;
  /** Who signed in last (prefills the form), never a password. */
  login: string | null;
  storage: CredentialStorage;
  /** The person agreed, for this run, to sign in although the token cannot be stored securely (it is then kept in memory only). */
  insecureAccepted: boolean;
  /** Why the console is signed out (`expired`: the backend no longer accepts the saved session). */
  signedOutBecause: 'signed-out' | 'expired' | 'never-signed-in' | null;
}

export type SignInResult =
  | { ok: true; state: SessionState }
  | {
      ok: false;
      /** `insecure_storage`: ask the person first (session:acceptInsecureStorage), then sign in again. */
      reason: 'bad_credentials' | 'unreachable' | 'insecure_storage';
      message: string;
    }
  /** The backend's login limit (429): signing in again helps only after `retryAfterMinutes`; nothing retries by itself. */
  | { ok: false; reason: 'too_many_attempts'; retryAfterMinutes: number; message: string };

export type SignOutResult =
  | { ok: true; state: SessionState }
  /** Actions not yet confirmed by the backend would be lost: the person must confirm with `force`. */
  | { ok: false; reason: 'outbox_pending'; pending: number };

/** Records a deep link may open (support-console://ticket/ID, support-console://recovery/ID). */
export interface OpenRecord {
  kind: 'ticket' | 'recovery';
  id: string;
}

/**
 * Something a feature wants the person to notice outside the window (a
 * callback due, a recovery request assigned to me): main shows it as a
 * desktop notification; a click opens `record`. Emitted with
 * `deps.pump.emit('shell:alert', …)`. Never put document content here.
 */
export interface ShellAlert {
  kind: 'callback-due' | 'recovery-assigned';
  title: string;
  body: string;
  record: OpenRecord | null;
}

/** Menu entries the renderer carries out (main has no view of its own). */
export const MENU_COMMANDS = [
  'desk:triage',
  'desk:recovery',
  'desk:callbacks',
  'palette',
  'help',
  'settings',
  'sign-out',
  'export-diagnostics',
  'check-updates',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** A diagnostics archive written for support (logs, versions, sync state, settings without secrets). */
export type DiagnosticsExport =
  | { saved: true; path: string; bytes: number }
  /** The person closed the save dialog. */
  | { saved: false };

/**
 * What a manual update check found. `not-packaged`: a development build or
 * the browser console, which never update themselves; `no-feed`: no update
 * address is configured; `downloading`: a newer version is on its way
 * (`shell:updateReady` follows); `ready`: downloaded already (the event is
 * sent again).
 */
export type UpdateCheck =
  { state: 'not-packaged' | 'no-feed' | 'failed' } | { state: 'up-to-date' | 'downloading' | 'ready'; version: string };

/** Result type of each invoke channel of this part. */
export interface ShellIpcResults {
  'session:state': SessionState;
  'session:signIn': SignInResult;
  'session:acceptInsecureStorage': SessionState;
  'session:signOut': SignOutResult;
  /** Whether the window is now kept out of screenshots and screen sharing (false where the OS cannot). */
  'shell:protectContent': { protected: boolean };
  'shell:exportDiagnostics': DiagnosticsExport;
  'shell:checkForUpdates': UpdateCheck;
  /** False when no update is downloaded (nothing happens then). */
  'shell:installUpdate': { installing: boolean };
}

const Login = z.string().trim().min(1).max(200);
const Password = z.string().min(1).max(1000);

/** Argument schema of each invoke channel of this part. */
export const SHELL_IPC_ARGS = {
  'session:state': z.tuple([]),
  'session:signIn': z.tuple([Login, Password]),
  'session:acceptInsecureStorage': z.tuple([]),
  /** `force`: sign out even though actions are still waiting to be sent (they are dropped). */
  'session:signOut': z.tuple([z.object({ force: z.boolean() })]),
  'shell:protectContent': z.tuple([z.boolean()]),
  'shell:exportDiagnostics': z.tuple([]),
  'shell:checkForUpdates': z.tuple([]),
  'shell:installUpdate': z.tuple([]),
} as const satisfies Record<keyof ShellIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes for this part. */
export interface ShellIpcEvents {
  'session:changed': SessionState;
  /** A deep link asked to show a record. */
  'shell:open': OpenRecord;
  'shell:menu': { command: MenuCommand };
  'shell:alert': ShellAlert;
  /** An update is downloaded: restarting installs it. */
  'shell:updateReady': { version: string };
}
export const SHELL_EVENT_CHANNELS = [
  'session:changed',
  'shell:open',
  'shell:menu',
  'shell:alert',
  'shell:updateReady',
] as const satisfies readonly (keyof ShellIpcEvents)[];
