/**
 * IPC handlers of who is signed in: the session (sign-in, sign-out, the
 * token's storage), "me" with the UI language, and the language choice.
 */
import type { HandlersFor } from '../../../shared/ipc-handlers.js';
import type { Logger } from '../../diagnostics/logger.js';
import type { Me } from './me.js';
import type { Session } from './session.js';
import { toSession } from './stored-session.js';

export type SessionChannel = 'session:get' | 'settings:setLanguage' | keyof Session['handlers'];

export function createSessionHandlers(o: {
  me: Me;
  session: Session;
  log: Pick<Logger, 'warn'>;
}): HandlersFor<SessionChannel> {
  const { me, session } = o;
  return {
    'session:get': async () => toSession(await me.current(), me.language()),
    'settings:setLanguage': async (next) => {
      me.setLanguage(next);
      return toSession(await me.current(), me.language());
    },
    ...session.handlers,
    'session:signIn': async (login, password) => {
      const result = await session.handlers['session:signIn'](login, password);
      // The reason only: the login may be an e-mail address, and the password never goes anywhere.
      if (!result.ok) o.log.warn({ reason: result.reason }, 'sign-in refused');
      return result;
    },
  };
}
