/**
 * When a part of the app dies: the page's renderer (`render-process-gone`:
 * crashed, out of memory, killed) or a helper process such as the GPU
 * (`child-process-gone`). Each is logged; the person is told in a dialog
 * (one at a time) and offered to reload the window, which is how the
 * console comes back without losing its cache or outbox. A clean exit is
 * not a crash, and nothing is asked while the app is quitting.
 */
import type {
  App,
  BrowserWindow,
  Details,
  Dialog,
  MessageBoxOptions,
  RenderProcessGoneDetails,
  WebContents,
} from 'electron';
import type { Logger } from 'pino';
import type { UiLanguage } from '../../shared/ipc.js';

export interface CrashWatchOptions {
  language: () => UiLanguage;
  log: Pick<Logger, 'error' | 'info'>;
  /** The main window (the dialog's parent, the one reloaded after a helper crash); null when none is open. */
  window: () => BrowserWindow | null;
  quitting: () => boolean;
}

const LABELS = {
  fr: {
    title: 'Support Console',
    page: 'La fenêtre de la console s’est arrêtée de façon inattendue.',
    helper: 'Une partie de la console s’est arrêtée de façon inattendue.',
    detail: 'Vos actions en attente sont conservées. Recharger la fenêtre la remet en marche.',
    reload: 'Recharger',
    quit: 'Quitter',
    later: 'Continuer',
  },
  de: {
    title: 'Support Console',
    page: 'Das Fenster der Konsole wurde unerwartet beendet.',
    helper: 'Ein Teil der Konsole wurde unerwartet beendet.',
    detail: 'Ihre ausstehenden Aktionen bleiben erhalten. Neu laden bringt das Fenster zurück.',
    reload: 'Neu laden',
    quit: 'Beenden',
    later: 'Weiter',
  },
  en: {
    title: 'Support Console',
    page: 'The console window stopped unexpectedly.',
    helper: 'A part of the console stopped unexpectedly.',
    detail: 'Your pending actions are kept. Reloading the window brings it back.',
    reload: 'Reload',
    quit: 'Quit',
    later: 'Continue',
  },
} as const satisfies Record<UiLanguage, Record<string, string>>;

export function watchCrashes(
  app: Pick<App, 'on' | 'quit'>,
  dialog: Pick<Dialog, 'showMessageBox'>,
  o: CrashWatchOptions,
): void {
  let asking = false;
  const ask = async (options: MessageBoxOptions): Promise<number | null> => {
    if (asking || o.quitting()) return null;
    asking = true;
    try {
      const win = o.window();
      const answer =
        win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return answer.response;
    } finally {
      asking = false;
    }
  };
  const reload = (contents: WebContents | undefined): void => {
    if (contents && !contents.isDestroyed()) contents.reload();
  };
  const failed = (what: string) => (error: unknown) => {
    o.log.error({ err: error }, `${what}: the dialog failed`);
  };

  app.on('render-process-gone', (_event, contents: WebContents, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit') {
      o.log.info({ exitCode: details.exitCode }, 'renderer exited');
      return;
    }
    o.log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone');
    const l = LABELS[o.language()];
    ask({
      type: 'error',
      title: l.title,
      message: l.page,
      detail: `${l.detail}\n(${details.reason}, ${String(details.exitCode)})`,
      buttons: [l.reload, l.quit],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    })
      .then((response) => {
        if (response === 0) reload(contents);
        else if (response === 1) app.quit();
      })
      .catch(failed('renderer gone'));
  });

  app.on('child-process-gone', (_event, details: Details) => {
    if (details.reason === 'clean-exit') return;
    o.log.error(
      {
        type: details.type,
        reason: details.reason,
        exitCode: details.exitCode,
        ...(details.serviceName === undefined ? {} : { serviceName: details.serviceName }),
      },
      'helper process gone',
    );
    const l = LABELS[o.language()];
    ask({
      type: 'warning',
      title: l.title,
      message: l.helper,
      detail: `${l.detail}\n(${details.type}: ${details.reason}, ${String(details.exitCode)})`,
      buttons: [l.reload, l.later],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    })
      .then((response) => {
        if (response === 0) reload(o.window()?.webContents);
      })
      .catch(failed('helper process gone'));
  });
}
