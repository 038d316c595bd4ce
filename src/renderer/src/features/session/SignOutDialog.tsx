/**
 * Sign-out (from the menu): it empties the local cache and forgets the
 * session, so it asks first, and says how many actions would be lost when
 * some were not yet sent to the backend.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { call } from '../../lib/api.js';
import { resetStore } from '../../store/index.js';
import { useSession } from './session-store.js';

export function SignOutDialog() {
  const { t } = useTranslation();
  const openSignOut = useSession((s) => s.openSignOut);
  const setSession = useSession((s) => s.setSession);
  const [pending, setPending] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    openSignOut(false);
  };
  const signOut = async (force: boolean): Promise<void> => {
    setBusy(true);
    try {
      const answer = await call('session:signOut', { force });
      if (!answer.ok) {
        setPending(answer.pending);
        return;
      }
      openSignOut(false);
      resetStore();
      setSession(answer.state);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal label={t('session.signOutTitle')} onClose={close} testId="sign-out">
      <h2 className="modal-title">{t('session.signOutTitle')}</h2>
      <p>{t('session.signOutExplain')}</p>
      {pending !== null && (
        <p className="sign-in-error" role="alert" data-testid="sign-out-pending">
          {t('session.signOutPending', { count: pending })}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={close}>
          {t('session.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="sign-out-confirm"
          disabled={busy}
          onClick={() => void signOut(pending !== null)}
        >
          {pending === null ? t('session.signOut') : t('session.signOutAnyway')}
        </button>
      </div>
    </Modal>
  );
}
