/**
 * Shows the console once a session exists, the sign-in screen otherwise
 * (a remote backend nobody signed in to, a session that expired, or after
 * sign-out). It asks main for the session only after subscribing to its
 * changes, and main sends links that launched the app after that question.
 */
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { call, subscribe } from '../../lib/api.js';
import { resetStore } from '../../store/index.js';
import { protectCaptureOnRecoveryDesk, subscribeShellEvents } from './shell-events.js';
import { useSession } from './session-store.js';
import { SignInScreen } from './SignInScreen.js';
import { SignOutDialog } from './SignOutDialog.js';

export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session);
  const signOutOpen = useSession((s) => s.signOutOpen);

  useEffect(() => {
    const { setSession } = useSession.getState();
    const offShell = subscribeShellEvents();
    const offCapture = protectCaptureOnRecoveryDesk();
    const off = subscribe('session:changed', (next) => {
      // Nothing of the last person's work may stay on screen.
      if (!next.signedIn) resetStore();
      setSession(next);
    });
    call('session:state').then(setSession, () => undefined);
    return () => {
      off();
      offShell();
      offCapture();
    };
  }, []);

  if (session === null) return null;
  if (!session.signedIn) return <SignInScreen session={session} />;
  return (
    <>
      {children}
      {signOutOpen && <SignOutDialog />}
    </>
  );
}
