import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { TERMINATION_VIA_CHAT_REPLY_ID } from '../../shared/canned-replies.js';
import type { EventChannel, IpcEvents, QueueWindowQuery } from '../../shared/ipc.js';
import { tempDir } from '../db/test-fixtures.js';
import { backendOptions, DEMO_LOGIN, waitFor } from '../sync/test-support.js';
import { createConsoleServices } from './index.js';
import type { ConsoleServices } from './index.js';

let backend: ReferenceBackend;
let services: ConsoleServices;
let userDataDir: string;
const events: { channel: EventChannel; payload: IpcEvents[EventChannel] }[] = [];

const query = (over: Partial<QueueWindowQuery> = {}): QueueWindowQuery => ({
  view: 'all',
  categoryId: null,
  statuses: ['new', 'open', 'pending'],
  sort: 'updated',
  search: '',
  offset: 0,
  limit: 50,
  ...over,
});

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(300));
  userDataDir = tempDir('services');
  services = await createConsoleServices({
    userDataDir,
    env: {
      SUPPORT_CONSOLE_BACKEND_URL: backend.url,
      SUPPORT_CONSOLE_LOGIN: DEMO_LOGIN.login,
      SUPPORT_CONSOLE_PASSWORD: DEMO_LOGIN.password,
    },
  });
  services.subscribe((channel, payload) => {
    events.push({ channel, payload });
  });
  await waitFor(() => {
    const s = services.handlers['sync:status']();
    return 'phase' in s && s.phase === 'live' && s.lastPulledAt !== null;
  }, 30_000);
});
afterAll(async () => {
  await services.stop();
  await backend.close();
});

describe('console services over a real reference backend', () => {
  it('knows who signed in, and keeps the language in settings.json beside backendUrl', async () => {
    const session = await services.handlers['session:get']();
    expect(session).toMatchObject({ agent: { name: expect.any(String) as string }, language: 'fr' });
    expect(session.agent.roles).toContain('agent');
    const german = await services.handlers['settings:setLanguage']('de');
    expect(german.language).toBe('de');
    const stored = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ language: 'de', agent: { id: session.agent.id } });
    const counts = await services.handlers['queue:counts']();
    const billing = counts.categories.find((c) => c.categoryId === 'billing');
    if (billing !== undefined) expect(billing.name).toBe('Rechnungen');
    await services.handlers['settings:setLanguage']('fr');
  });

  it('serves queue counts and windows from the cache, equal to the backend data', async () => {
    const counts = await services.handlers['queue:counts']();
    const open = counts.categories.reduce((n, c) => n + c.new + c.open + c.pending, 0);
    expect(counts.views.all).toBe(open);
    const window = await services.handlers['queue:window'](query({ limit: 500 }));
    expect(window.total).toBe(open);
    expect(window.rows.length).toBe(Math.min(500, open));
    const first = window.rows[0];
    if (first === undefined) throw new Error('empty queue');
    const detail = await services.handlers['ticket:get'](first.id);
    expect(detail?.ticket).toEqual(await backend.admin.get('ticket', first.id));
    expect(await services.handlers['ticket:get']('no-such-ticket')).toBeNull();
  });

  it('lists categories, agents and canned replies (with the termination-by-chat reply in fr, de and en)', async () => {
    expect((await services.handlers['categories:list']()).length).toBeGreaterThanOrEqual(5);
    expect((await services.handlers['agents:list']()).map((a) => a.name)).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    const canned = await services.handlers['canned:list']();
    for (const language of ['fr', 'de', 'en'] as const) {
      const reply = canned.find((c) => c.id === `${TERMINATION_VIA_CHAT_REPLY_ID}.${language}`);
      expect(reply?.body.length, language).toBeGreaterThan(50);
    }
  });

  it('pushes tickets:changed when someone else changes a ticket, and the window shows it', async () => {
    const window = await services.handlers['queue:window'](query());
    const target = window.rows[5];
    if (target === undefined) throw new Error('queue too short');
    const other = (await services.handlers['categories:list']()).find((c) => c.id !== target.categoryId);
    if (other === undefined) throw new Error('one category only');
    events.length = 0;
    await backend.admin.recategorise(target.id, other.id);
    // The window reloads what an event names, or everything (`all`): the pump merges ids over 50 ms and sends
    // `all` alone when anything in that window asked for it (the signed-in agent refreshed, say), so either
    // covers the ticket. The cache holding the new category is what the window then reads.
    const covers = (e: (typeof events)[number]): boolean => {
      if (e.channel !== 'tickets:changed') return false;
      const changed = e.payload as IpcEvents['tickets:changed'];
      return changed.all || changed.ids.includes(target.id);
    };
    await waitFor(
      async () =>
        events.some(covers) && (await services.handlers['ticket:get'](target.id))?.ticket.categoryId === other.id,
      10_000,
    );
  });

  it('acts through the worker: the row changes at once, shows pending, then the backend has it exactly once', async () => {
    const window = await services.handlers['queue:window'](query({ view: 'unassigned' }));
    const target = window.rows[0];
    if (target === undefined) throw new Error('no unassigned ticket');
    const session = await services.handlers['session:get']();
    const result = await services.handlers['ticket:act']({
      type: 'assign',
      ticketId: target.id,
      assigneeId: session.agent.id,
    });
    expect(result.accepted).toBe(true);
    const local = await services.handlers['ticket:get'](target.id);
    expect(local?.ticket.assigneeId).toBe(session.agent.id);
    await waitFor(async () => (await backend.admin.get('ticket', target.id))?.assigneeId === session.agent.id, 10_000);
    const versions = ((await backend.admin.get('ticket', target.id))?.version ?? 0) - (local?.ticket.version ?? 0);
    expect(versions).toBeLessThanOrEqual(1);
    const mine = await services.handlers['queue:window'](query({ view: 'mine', limit: 500 }));
    expect(mine.rows.map((r) => r.id)).toContain(target.id);
  });

  it('refuses to close a chat termination as solved, with the reason', async () => {
    const window = await services.handlers['queue:window'](query({ view: 'chat-termination' }));
    const target = window.rows[0];
    if (target === undefined) return; // the seed may have none open at this size
    expect(target.chatTermination).toBe(true);
    const result = await services.handlers['ticket:act']({ type: 'setStatus', ticketId: target.id, status: 'solved' });
    expect(result).toMatchObject({ accepted: false, reason: 'termination_via_chat' });
  });
});
