/** Settings: the UI language (saved in main through `settings:setLanguage`). */
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../../../shared/ipc.js';
import { Modal } from '../../components/Modal.js';
import { useStore } from '../../store/index.js';

/** Each language is named in itself, so an agent can find theirs whatever the current language. */
const NATIVE = { fr: 'Français', de: 'Deutsch', en: 'English' } as const;

export function SettingsMenu() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const setLanguage = useStore((s) => s.setLanguage);
  const openOverlay = useStore((s) => s.openOverlay);
  const close = () => {
    openOverlay(null);
  };
  return (
    <Modal label={t('settings.title')} onClose={close} testId="settings">
      <h2 className="modal-title">{t('settings.title')}</h2>
      <fieldset className="language-choice">
        <legend>{t('settings.language')}</legend>
        {UI_LANGUAGES.map((l) => (
          <label key={l} className="radio">
            <input
              type="radio"
              name="language"
              value={l}
              lang={l}
              data-testid={`language-${l}`}
              checked={language === l}
              onChange={() => void setLanguage(l)}
            />
            <span lang={l}>{NATIVE[l]}</span>
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="button" className="button" data-testid="settings-close" onClick={close}>
          {t('settings.close')}
        </button>
      </div>
    </Modal>
  );
}
