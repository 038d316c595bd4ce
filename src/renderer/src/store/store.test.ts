import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActResult, ConsoleApi, QueueRowView, TicketAction, TicketDetail } from '../../../shared/ipc.js';
import { resetStore, useStore } from './index.js';

const row = { id: 't-1', categoryId: 'hosting', pending: false, status: 'new' } as QueueRowView;
const detail = {
  ticket: { id: 't-1', categoryId: 'hosting', status: 'new' },
  messages: [],
  duplicates: [],
  outbox: [],
} as unknown as TicketDetail;

let answer: ActResult;
const sent: TicketAction[] = [];

beforeEach(() => {
  resetStore();
  sent.length = 0;
  // Stands in for the preload's window.api: only the channel the action uses answers.
  const api = {
    'ticket:act': (action: TicketAction) => {
      sent.push(action);
      return Promise.resolve({ ok: true, value: answer });
    },
  } as unknown as ConsoleApi;
  Object.assign(globalThis, { window: { api } });
  const s = useStore.getState();
  s.cache.put(0, [row]);
  useStore.setState({ openId: 't-1', detail, total: 1, loaded: true });
});

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

describe('store', () => {
  it('changes the row and the ticket at once, and calls main only after that frame', async () => {
    answer = { accepted: true, actionId: 'a-1' };
    const done = useStore.getState().act({ type: 'recategorise', ticketId: 't-1', categoryId: 'mail' });
    const s = useStore.getState();
    expect(s.cache.rowAt(0)).toMatchObject({ categoryId: 'mail', pending: true });
    expect(s.detail?.ticket.categoryId).toBe('mail');
    expect(sent).toHaveLength(0);
    expect(await done).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('undoes the change and says why when main refuses the action', async () => {
    answer = { accepted: false, reason: 'termination_via_chat', message: 'not by chat' };
    const ok = await useStore.getState().act({ type: 'setStatus', ticketId: 't-1', status: 'solved' });
    const s = useStore.getState();
    expect(ok).toBe(false);
    expect(s.cache.rowAt(0)).toMatchObject({ status: 'new', pending: false });
    expect(s.detail?.ticket.status).toBe('new');
    expect(s.notices.at(-1)?.key).toBe('refusal.termination_via_chat');
  });

  it('resets every slice, with a fresh window cache', () => {
    const before = useStore.getState().cache;
    useStore.getState().openOverlay('help');
    resetStore();
    const s = useStore.getState();
    expect(s.overlay).toBeNull();
    expect(s.openId).toBeNull();
    expect(s.cache).not.toBe(before);
    expect(s.cache.size).toBe(0);
  });
});
