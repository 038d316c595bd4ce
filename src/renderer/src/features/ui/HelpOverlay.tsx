/** `?`: every shortcut, from the same table the key handler uses. */
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { BINDINGS, shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';

const isMac = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

export function HelpOverlay() {
  const { t } = useTranslation();
  const openOverlay = useStore((s) => s.openOverlay);
  const close = () => {
    openOverlay(null);
  };
  return (
    <Modal label={t('help.title')} onClose={close} testId="help-overlay">
      <h2 className="modal-title">{t('help.title')}</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {BINDINGS.map((b) => (
            <tr key={b.command} data-testid={`help-${b.command}`}>
              <td>
                <kbd>{shortcutLabel(b.command, isMac)}</kbd>
                {b.keys.length > 1 && b.mod !== true && (
                  <>
                    {' '}
                    <kbd>{b.keys[1] === 'ArrowDown' ? '↓' : b.keys[1] === 'ArrowUp' ? '↑' : b.keys[1]}</kbd>
                  </>
                )}
              </td>
              <td>{t(`command.${b.command}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('help.typing')}</p>
      <div className="button-row">
        <button type="button" className="button" data-testid="help-close" onClick={close}>
          {t('help.close')}
        </button>
      </div>
    </Modal>
  );
}
