/**
 * The backend address: checked here with the contract's own schema (http or
 * https, a host), saved to settings.json, and testable before it is saved
 * ("Test connection" asks main, which reaches the backend; the page never
 * does). The address is read at start, and the screen says so.
 */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackendProbe } from '../../../../shared/ipc-settings.js';
import { BackendUrl } from '../../../../shared/settings.js';
import { call } from '../../lib/api.js';
import { useSettings } from './settings-store.js';
import type { SettingsView } from '../../../../shared/ipc-settings.js';

type Probe = { state: 'idle' } | { state: 'testing' } | { state: 'done'; probe: BackendProbe };

export function BackendSection({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const [draft, setDraft] = useState(view.backendUrl ?? '');
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const [probe, setProbe] = useState<Probe>({ state: 'idle' });
  const id = useId();
  const inUse = view.backendInUse;

  /** The address as main will take it, or null (and the field marked) when it is not one. */
  const checked = (): string | null => {
    const parsed = BackendUrl.safeParse(draft);
    setInvalid(!parsed.success);
    return parsed.success ? parsed.data : null;
  };

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(false);
    const url = checked();
    if (url === null) return;
    if (await update({ backendUrl: url })) {
      setDraft(url);
      setSaved(true);
    }
  };

  const useDemo = async () => {
    setInvalid(false);
    if (await update({ backendUrl: null })) {
      setDraft('');
      setSaved(true);
    }
  };

  const test = async () => {
    const url = checked();
    if (url === null) return;
    setProbe({ state: 'testing' });
    try {
      setProbe({ state: 'done', probe: await call('settings:testBackend', url) });
    } catch {
      setProbe({ state: 'idle' });
      setInvalid(true);
    }
  };

  return (
    <form className="settings-group" data-testid="settings-backend" onSubmit={(e) => void save(e)} noValidate>
      <h3 className="settings-heading">{t('settings.backend')}</h3>
      <p className="settings-note" data-testid="backend-in-use">
        {t('settings.backendInUse', { url: inUse.url })} ({t(`settings.backendSource_${inUse.source}`)})
      </p>
      <label className="settings-field" htmlFor={`${id}-url`}>
        <span>{t('settings.backendUrl')}</span>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://support.example.ch"
          value={draft}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint`}
          data-testid="backend-url"
          onChange={(e) => {
            setDraft(e.target.value);
            setInvalid(false);
            setSaved(false);
            setProbe({ state: 'idle' });
          }}
        />
      </label>
      <p id={`${id}-hint`} className={invalid ? 'settings-error' : 'settings-note'} data-testid="backend-url-hint">
        {invalid ? t('settings.backendInvalid') : t('settings.backendHint')}
      </p>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="backend-save">
          {t('settings.backendSave')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="backend-test"
          disabled={probe.state === 'testing'}
          onClick={() => void test()}
        >
          {probe.state === 'testing' ? t('settings.backendTesting') : t('settings.backendTest')}
        </button>
        {view.backendUrl !== null && (
          <button
            type="button"
            className="button button-quiet"
            data-testid="backend-use-demo"
            onClick={() => void useDemo()}
          >
            {t('settings.backendUseDemo')}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {probe.state === 'done' && (
          <p
            className={probe.probe.outcome === 'reachable' ? 'settings-ok' : 'settings-error'}
            data-testid="backend-probe"
            data-outcome={probe.probe.outcome}
          >
            {t(`settings.probe_${probe.probe.outcome}`)}{' '}
            <span className="settings-detail">
              {t('settings.probeDetail', { detail: probe.probe.detail, ms: probe.probe.elapsedMs })}
            </span>
          </p>
        )}
        {saved && (
          <p className="settings-ok" data-testid="backend-saved">
            {t('settings.backendSaved')}
          </p>
        )}
      </div>
      <p className="settings-note">{t('settings.backendNextStart')}</p>
    </form>
  );
}
