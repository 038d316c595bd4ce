/**
 * The count of new priority items (new tickets of priority high or urgent)
 * on the dock/taskbar badge and the tray icon's tooltip, so a person working
 * in another app sees that urgent work arrived. The count is read through
 * the services' own queue query (the cache's priority index), at most once
 * every few seconds however fast changes stream in.
 */
import type { Handlers } from '../../shared/ipc-handlers.js';

/** Rows read to count; the badge shows "99+" style caps anyway. */
const MAX_COUNTED = 500;
const PRIORITY = new Set(['high', 'urgent']);

export async function countNewPriority(handlers: Pick<Handlers, 'queue:window'>): Promise<number> {
  const window = await handlers['queue:window']({
    view: 'all',
    categoryId: null,
    statuses: ['new'],
    sort: 'priority',
    search: '',
    offset: 0,
    limit: MAX_COUNTED,
  });
  return window.rows.filter((row) => PRIORITY.has(row.priority)).length;
}

export interface AttentionSurface {
  /** macOS dock, Linux Unity launchers: the number on the icon. */
  setBadgeCount(count: number): void;
  /** The tray icon's tooltip (every platform). */
  setTooltip(text: string): void;
}

export function attentionText(count: number): string {
  if (count === 0) return 'Support Console';
  return `Support Console — ${count >= MAX_COUNTED ? `${MAX_COUNTED}+` : String(count)} new priority ticket${count === 1 ? '' : 's'}`;
}

/** Returns `refresh`: call it on every change; it recounts at most once per `everyMs`. */
export function createAttention(
  handlers: Pick<Handlers, 'queue:window'>,
  surface: AttentionSurface,
  everyMs = 3000,
): { refresh(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let last = -1;
  let stopped = false;
  const run = async (): Promise<void> => {
    timer = null;
    if (stopped) return;
    try {
      const count = await countNewPriority(handlers);
      if (count === last) return;
      last = count;
      surface.setBadgeCount(count);
      surface.setTooltip(attentionText(count));
    } catch {
      // Signed out or cache busy: the next change tries again.
    }
  };
  return {
    refresh() {
      if (timer !== null || stopped) return;
      timer = setTimeout(() => void run(), last === -1 ? 0 : everyMs);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
