/**
 * The settings screen: the backend address (with a connection test), the
 * UI language, theme and density, the update channel. Each choice is saved
 * to settings.json by main as it is made; theme, density and language show
 * at once, the address and the channel from the next start (said on screen).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DENSITIES, THEMES, UI_LANGUAGES, UPDATE_CHANNELS } from '../../../../shared/settings.js';
import { Modal } from '../../components/Modal.js';
import { useStore } from '../../store/index.js';
import { exportDiagnostics } from '../session/desktop-comforts.js';
import { BackendSection } from './BackendSection.js';
import { Choice } from './Choice.js';
import { useSettings } from './settings-store.js';
import './settings.css';

/** Each language is named in itself, so an agent can find theirs whatever the current language. */
const NATIVE = { fr: 'Français', de: 'Deutsch', en: 'English' } as const;

export function SettingsScreen() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const setLanguage = useStore((s) => s.setLanguage);
  const openOverlay = useStore((s) => s.openOverlay);
  const view = useSettings((s) => s.view);
  const saveError = useSettings((s) => s.saveError);
  const update = useSettings((s) => s.update);
  const close = () => {
    openOverlay(null);
  };

  // Fresh from the file each time the screen opens (someone may have edited settings.json); the address field
  // starts from that answer, not from what the store held before.
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    useSettings
      .getState()
      .load()
      .catch(() => undefined)
      .finally(() => {
        setFresh(true);
      });
  }, []);

  return (
    <Modal label={t('settings.title')} onClose={close} testId="settings" className="modal-settings">
      <h2 className="modal-title">{t('settings.title')}</h2>
      <p className="settings-note">{t('settings.intro')}</p>
      {saveError !== null && (
        <p className="settings-error" role="alert" data-testid="settings-save-error">
          {t('settings.saveFailed', { message: saveError })}
        </p>
      )}
      {view !== null && view.problems.length > 0 && (
        <div className="settings-problems" data-testid="settings-problems">
          <p>{t('settings.problemsTitle')}</p>
          <ul>
            {view.problems.map((p) => (
              <li key={p.key ?? 'file'}>
                <code>{p.message}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {view !== null && fresh && <BackendSection view={view} />}

      <div className="settings-columns">
        <div>
          <Choice
            legend={t('settings.language')}
            name="language"
            options={UI_LANGUAGES}
            value={language}
            label={(l) => <span lang={l}>{NATIVE[l]}</span>}
            testId={(l) => `language-${l}`}
            lang={(l) => l}
            onChange={(l) => void setLanguage(l)}
          />

          {view !== null && (
            <div className="settings-group">
              <h3 className="settings-heading">{t('settings.appearance')}</h3>
              <Choice
                legend={t('settings.theme')}
                name="theme"
                options={THEMES}
                value={view.theme}
                label={(v) => t(`settings.theme_${v}`)}
                testId={(v) => `theme-${v}`}
                onChange={(theme) => void update({ theme })}
              />
              <Choice
                legend={t('settings.density')}
                name="density"
                options={DENSITIES}
                value={view.density}
                label={(v) => t(`settings.density_${v}`)}
                testId={(v) => `density-${v}`}
                onChange={(density) => void update({ density })}
              />
            </div>
          )}
        </div>
        {view !== null && (
          <div className="settings-group" data-testid="settings-support">
            <h3 className="settings-heading">{t('settings.updates')}</h3>
            <Choice
              legend={t('settings.updateChannel')}
              name="update-channel"
              options={UPDATE_CHANNELS}
              value={view.updateChannel}
              label={(v) => t(`settings.updateChannel_${v}`)}
              testId={(v) => `update-channel-${v}`}
              onChange={(updateChannel) => void update({ updateChannel })}
            />
            <p className="settings-note">{t('settings.updateNextStart')}</p>
            <p className="settings-note">{t('settings.diagnosticsHelp')}</p>
            <div className="button-row">
              <button
                type="button"
                className="button"
                data-testid="settings-export-diagnostics"
                onClick={() => void exportDiagnostics()}
              >
                {t('settings.exportDiagnostics')}
              </button>
            </div>
          </div>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button" data-testid="settings-close" onClick={close}>
          {t('settings.close')}
        </button>
      </div>
    </Modal>
  );
}
