/**
 * Who "me" is, for every feature: the agent signed in (or the last one
 * stored, so the console opens offline on the right queues) and the UI
 * language, both kept in settings.json. `current()` waits for a first
 * sign-in: the worker's, else one direct login with the session's
 * credentials (the worker may be offline or slow), for at most `waitMs`.
 */
import type { UiLanguage } from '../../../shared/settings.js';
import { readConsoleSettings, writeConsoleSettings } from './stored-session.js';
import type { StoredAgent } from './stored-session.js';

/** How long `current()` waits for a first sign-in before it reports the problem. */
export const SIGN_IN_WAIT_MS = 15_000;

export interface Me {
  /** Signed in now or stored from the last session; null before any sign-in. */
  agent(): StoredAgent | null;
  /** The agent, once someone has signed in (rejects after `waitMs` without an answer). */
  current(): Promise<StoredAgent>;
  /** A sign-in told who it is (stored; `onAgentChanged` when it is someone else or their roles changed). */
  signedIn(agent: StoredAgent): void;
  /** Sign-out: nobody, and nothing stored. */
  forget(): void;
  language(): UiLanguage;
  setLanguage(language: UiLanguage): void;
}

export interface MeOptions {
  userDataDir: string;
  /** How to log in once with the session's credentials, or null when there are none to use. */
  directLogin(): (() => Promise<StoredAgent>) | null;
  /** "Mine" and the role's desks depend on who signed in. */
  onAgentChanged(): void;
  waitMs?: number;
}

export function createMe(o: MeOptions): Me {
  const stored = readConsoleSettings(o.userDataDir);
  let language = stored.language;
  let agent = stored.agent;
  const waiters = new Set<(a: StoredAgent) => void>();
  let directLogin: Promise<StoredAgent> | null = null;

  const signedIn = (next: StoredAgent): void => {
    const changed = agent?.id !== next.id || agent.name !== next.name || agent.roles.join() !== next.roles.join();
    agent = next;
    if (changed) writeConsoleSettings(o.userDataDir, { agent: next });
    for (const w of waiters) w(next);
    waiters.clear();
    if (changed) o.onAgentChanged();
  };

  return {
    agent: () => agent,
    async current() {
      if (agent !== null) return agent;
      const fromSignIn = new Promise<StoredAgent>((resolve) => waiters.add(resolve));
      const login = o.directLogin();
      if (login === null) directLogin = null;
      else
        directLogin ??= login().then((a) => {
          signedIn(a);
          return a;
        });
      directLogin?.catch(() => {
        directLogin = null;
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error('not signed in yet: the backend did not answer'));
        }, o.waitMs ?? SIGN_IN_WAIT_MS);
      });
      try {
        return await Promise.race([fromSignIn, directLogin?.catch(() => fromSignIn) ?? fromSignIn, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    signedIn,
    forget() {
      agent = null;
      writeConsoleSettings(o.userDataDir, { agent: null });
    },
    language: () => language,
    setLanguage(next) {
      language = next;
      writeConsoleSettings(o.userDataDir, { language: next });
    },
  };
}
