/**
 * What the menu (and the settings screen) asks of the desktop shell beyond
 * the desks: export the diagnostics archive, check for updates, and restart
 * into a downloaded update. Each ends in a notice; the browser console gets
 * the same answers from the harness (archive in its userData folder, "does
 * not update itself").
 */
import type { UpdateCheck } from '../../../../shared/ipc-shell.js';
import { call } from '../../lib/api.js';
import { useStore } from '../../store/index.js';

const UPDATE_READY = 'notice.updateReady';

/** Writes the archive (main asks where in the desktop app) and shows its path. */
export async function exportDiagnostics(): Promise<void> {
  const s = useStore.getState();
  try {
    const answer = await call('shell:exportDiagnostics');
    if (answer.saved) s.notify({ kind: 'info', key: 'notice.diagnosticsSaved', text: answer.path });
  } catch (e) {
    s.notify({ kind: 'error', key: 'notice.diagnosticsFailed', text: e instanceof Error ? e.message : '' });
  }
}

const CHECK_NOTICES: Record<UpdateCheck['state'], string | null> = {
  'not-packaged': 'notice.updateNotPackaged',
  'no-feed': 'notice.updateNoFeed',
  'up-to-date': 'notice.updateUpToDate',
  downloading: 'notice.updateDownloading',
  failed: 'notice.updateFailed',
  // Main sends shell:updateReady again, which shows the restart notice.
  ready: null,
};

export async function checkForUpdates(): Promise<void> {
  const s = useStore.getState();
  let answer: UpdateCheck;
  try {
    answer = await call('shell:checkForUpdates');
  } catch {
    answer = { state: 'failed' };
  }
  const key = CHECK_NOTICES[answer.state];
  if (key === null) return;
  s.notify({
    kind: answer.state === 'failed' ? 'error' : 'info',
    key,
    ...('version' in answer ? { params: { version: answer.version } } : {}),
  });
}

/** A downloaded update: one notice (not one per announcement) with a restart button. */
export function announceUpdateReady(version: string): void {
  const s = useStore.getState();
  for (const n of s.notices) if (n.key === UPDATE_READY) s.dismiss(n.id);
  s.notify({
    kind: 'info',
    key: UPDATE_READY,
    params: { version },
    action: {
      key: 'notice.updateRestart',
      run: () => {
        call('shell:installUpdate').catch(() => {
          useStore.getState().notify({ kind: 'error', key: 'notice.updateFailed' });
        });
      },
    },
  });
}
