/**
 * The console shell: header, sidebar (views and categories), the queue, the
 * open ticket, the status bar, and the overlays on top.
 */
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionPickers } from '../features/ticket/ActionPickers.js';
import { TicketPane } from '../features/ticket/TicketPane.js';
import { QueueList } from '../features/queue/QueueList.js';
import { QueueToolbar } from '../features/queue/QueueToolbar.js';
import { Sidebar } from '../features/queue/Sidebar.js';
import { StatusBar } from '../features/status/StatusBar.js';
import { Notices } from '../features/ui/Notices.js';
import { Overlays } from '../features/ui/Overlays.js';
import { useShortcuts } from '../features/ui/useShortcuts.js';
import { WorkspaceTabs } from '../features/ui/WorkspaceTabs.js';
import { desksFor } from '../features/ui/desks.js';
import { CallbacksWorkspace } from '../features/callbacks/CallbacksWorkspace.js';
import { RecoveryWorkspace } from '../features/recovery/RecoveryWorkspace.js';
import { applyLanguage } from '../i18n/index.js';
import { shortcutLabel } from '../lib/keymap.js';
import { useStore } from '../store/index.js';
import { useBootstrap } from './useBootstrap.js';
import { usePresence } from '../features/presence/usePresence.js';
import { DeskErrorBoundary } from './DeskErrorBoundary.js';
import { SessionGate } from '../features/session/SessionGate.js';
import { useAppearance } from '../features/settings/appearance.js';
import { Splitter, usePaneWidth } from '../components/Splitter.js';

/** The console is shown only with a session; the sign-in screen otherwise (features/session). */
export function App() {
  // Theme and density apply to the sign-in screen too.
  useAppearance();
  return (
    <SessionGate>
      <Console />
    </SessionGate>
  );
}

/** What each desk's "Reload" fetches again before the desk remounts (its mount effects load the rest). */
async function reloadTriage(): Promise<void> {
  const s = useStore.getState();
  s.refreshRows();
  await Promise.all([s.openId === null ? null : s.reloadTicket(), s.refreshCounts(), s.loadReference()]);
}

async function reloadRecovery(): Promise<void> {
  const s = useStore.getState();
  await s.loadRecoveryQueue();
  if (s.recoverySelectedId !== null) await s.selectRecovery(s.recoverySelectedId);
}

function reloadCallbacks(): Promise<void> {
  return useStore.getState().loadCallbackDay();
}

function Console() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const openOverlay = useStore((s) => s.openOverlay);
  // Only a desk the person's roles open is drawn (none until the session is known: no flash of another's desk).
  const workspace = useStore((s) =>
    desksFor(s.session?.agent.roles ?? []).includes(s.workspace) ? s.workspace : null,
  );
  const noDesk = useStore((s) => s.session !== null && desksFor(s.session.agent.roles).length === 0);
  useBootstrap();
  usePresence();
  useShortcuts();

  useEffect(() => {
    applyLanguage(language);
  }, [language]);

  return (
    <div className="app" data-testid="app">
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <WorkspaceTabs />
        <div className="header-actions">
          <button
            type="button"
            className="button button-quiet"
            data-testid="open-palette"
            onClick={() => {
              openOverlay('palette');
            }}
          >
            {t('header.palette')} <kbd>{shortcutLabel('palette')}</kbd>
          </button>
          <button
            type="button"
            className="button button-quiet"
            data-testid="open-help"
            onClick={() => {
              openOverlay('help');
            }}
          >
            {t('header.help')} <kbd>{shortcutLabel('help')}</kbd>
          </button>
          <button
            type="button"
            className="button button-quiet"
            data-testid="open-settings"
            onClick={() => {
              openOverlay('settings');
            }}
          >
            {t('header.settings')}
          </button>
        </div>
      </header>
      {workspace === 'triage' && (
        <DeskErrorBoundary desk="triage" reload={reloadTriage}>
          <Sidebar />
          <TriageWorkspace />
        </DeskErrorBoundary>
      )}
      {workspace === 'recovery' && (
        <DeskErrorBoundary desk="recovery" reload={reloadRecovery}>
          <RecoveryWorkspace />
        </DeskErrorBoundary>
      )}
      {workspace === 'callbacks' && (
        <DeskErrorBoundary desk="callbacks" reload={reloadCallbacks}>
          <CallbacksWorkspace />
        </DeskErrorBoundary>
      )}
      {noDesk && (
        <main className="desk" data-testid="no-desk">
          <p>{t('desks.none')}</p>
        </main>
      )}
      <StatusBar />
      <Notices />
      <Overlays />
      <ActionPickers />
    </div>
  );
}

/**
 * Queue | ticket, with a splitter between them. The queue never gets so narrow that its toolbar is cut off,
 * nor so wide that the ticket's actions are.
 */
function TriageWorkspace() {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const queue = usePaneWidth('triage.queue', ref, { min: 300, reserve: 386, initial: 400 });
  return (
    <main className="workspace" ref={ref} style={{ '--queue-w': `${String(queue.width)}px` } as CSSProperties}>
      <div className="queue-pane" id="queue-pane">
        <QueueToolbar />
        <QueueList />
      </div>
      <Splitter label={t('layout.resizeQueue')} controls="queue-pane" pane={queue} side="before" />
      <TicketPane />
    </main>
  );
}
