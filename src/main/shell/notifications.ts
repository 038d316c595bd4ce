/**
 * Desktop notifications: a callback that is due, a recovery request assigned
 * to me. Features raise them by emitting `shell:alert` through the event
 * pump (FeatureDeps.pump.emit); the shell shows them when the OS supports
 * notifications, and a click brings the console forward on the record.
 * The text is only what the feature put in the alert: never document
 * content.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { OpenRecord, ShellAlert } from '../../shared/ipc-shell.js';

export interface NotificationApi {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): Pick<ElectronNotification, 'show' | 'on'>;
}

export function createNotifier(api: NotificationApi, open: (record: OpenRecord | null) => void) {
  return {
    /** Shows the alert; answers whether the OS could. */
    show(alert: ShellAlert): boolean {
      if (!api.isSupported()) return false;
      const n = api.create({ title: alert.title, body: alert.body, silent: false });
      n.on('click', () => {
        open(alert.record);
      });
      n.show();
      return true;
    },
  };
}
