/**
 * Sign-in for a remote backend. The password goes to main once and is not
 * kept (main keeps the token). Where the computer has no secure store for
 * the token (Linux without a keyring), the screen says so and asks before
 * going on.
 */
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../shared/ipc-shell.js';
import { call } from '../../lib/api.js';
import { useSession } from './session-store.js';
import './session.css';

type Problem = 'bad_credentials' | 'unreachable' | 'insecure_storage' | 'too_many_attempts' | null;

export function SignInScreen({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const setSession = useSession((s) => s.setSession);
  const [login, setLogin] = useState(session.login ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [detail, setDetail] = useState('');
  const [waitMinutes, setWaitMinutes] = useState(0);

  const signIn = async (): Promise<void> => {
    setBusy(true);
    try {
      const answer = await call('session:signIn', login.trim(), password);
      if (answer.ok) {
        setPassword('');
        setSession(answer.state);
        return;
      }
      setProblem(answer.reason);
      setDetail(answer.reason === 'unreachable' ? answer.message : '');
      if (answer.reason === 'too_many_attempts') setWaitMinutes(answer.retryAfterMinutes);
    } catch (e) {
      setProblem('unreachable');
      setDetail(e instanceof Error ? e.message : '');
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (login.trim() === '' || password === '') return;
    void signIn();
  };
  const acceptInsecure = async (): Promise<void> => {
    setSession(await call('session:acceptInsecureStorage'));
    setProblem(null);
    await signIn();
  };

  return (
    <main className="sign-in" data-testid="sign-in">
      <form className="sign-in-card" onSubmit={onSubmit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="sign-in-title">
          {t('session.title')}
        </h1>
        <p className="sign-in-backend" data-testid="sign-in-backend">
          {t('session.backend', { url: session.backendUrl })}
        </p>
        {session.signedOutBecause === 'expired' && (
          <p className="sign-in-note" role="status" data-testid="sign-in-expired">
            {t('session.expired')}
          </p>
        )}
        {session.signedOutBecause === 'signed-out' && (
          <p className="sign-in-note" role="status">
            {t('session.signedOut')}
          </p>
        )}
        <label className="sign-in-field">
          <span>{t('session.login')}</span>
          <input
            name="login"
            autoComplete="username"
            value={login}
            onChange={(e) => {
              setLogin(e.target.value);
            }}
            data-testid="sign-in-login"
            required
          />
        </label>
        <label className="sign-in-field">
          <span>{t('session.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            data-testid="sign-in-password"
            required
          />
        </label>
        {problem === 'bad_credentials' && (
          <p className="sign-in-error" role="alert" data-testid="sign-in-error">
            {t('session.badCredentials')}
          </p>
        )}
        {problem === 'too_many_attempts' && (
          <p className="sign-in-error" role="alert" data-testid="sign-in-error">
            {t('session.tooManyAttempts', { count: waitMinutes })}
          </p>
        )}
        {problem === 'unreachable' && (
          <p className="sign-in-error" role="alert" data-testid="sign-in-error">
            {t('session.unreachable')} {detail}
          </p>
        )}
        {problem === 'insecure_storage' ? (
          <div className="sign-in-warning" role="alert" data-testid="sign-in-insecure">
            <p>{t(session.storage === 'none' ? 'session.noStorage' : 'session.insecureStorage')}</p>
            <div className="button-row">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProblem(null);
                }}
              >
                {t('session.cancel')}
              </button>
              <button
                type="button"
                className="button button-primary"
                data-testid="sign-in-accept-insecure"
                disabled={busy}
                onClick={() => void acceptInsecure()}
              >
                {t('session.continueAnyway')}
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className="button button-primary" data-testid="sign-in-submit" disabled={busy}>
            {t('session.submit')}
          </button>
        )}
      </form>
    </main>
  );
}
