/**
 * Opening a ticket's attachment in the console, against the reference
 * backend (127.0.0.1, port 0, its seeded files) and a real cache: an agent
 * (marco) gets the checked bytes ready for the viewer, a file whose bytes do
 * not match the ticket's sha256 is refused with that reason, and an id the
 * ticket does not list is never asked for.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import { ACCEPTED_FORMATS } from '../../../shared/documents/formats.js';
import type { Ticket } from '../../../shared/entities.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { createCacheReaders } from '../../db/readers.js';
import { createEventPump } from '../../ipc/event-pump.js';
import { backendOptions, engineFor } from '../../sync/test-support.js';
import type { EngineUnderTest } from '../../sync/test-support.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createAttachmentHandlers } from './handlers.js';

let backend: ReferenceBackend;
let c: EngineUnderTest;
let open: Handlers['attachments:open'];
let ticket: Ticket;
const downloads: string[] = [];

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(60));
  // An agent only: the attachments route is theirs, the documents route is not.
  c = engineFor(backend, { login: 'marco', password: 'demo' });
  await c.engine.pullNow();
  const sync = {
    download: (id, max, source) => {
      downloads.push(id);
      return c.engine.download(id, max, source);
    },
  } as Pick<SyncWorkerHandle, 'download'> as SyncWorkerHandle;
  const deps: FeatureDeps = {
    readers: createCacheReaders(c.cache),
    sync,
    currentAgent: () => Promise.resolve({ id: 'ag-marco', name: 'Marco', roles: ['agent'] }),
    userDataDir: '',
    now: () => new Date(),
    pump: createEventPump(),
  };
  open = createAttachmentHandlers(deps)['attachments:open'];
  const id = c.cache.db
    .prepare("SELECT id FROM tickets WHERE attachments <> '[]' ORDER BY rowid LIMIT 1")
    .pluck()
    .get() as string | undefined;
  const found = id === undefined ? null : c.cache.reader.getRecord('ticket', id);
  if (found === null || found.attachments.length === 0) throw new Error('the seed has no ticket with an attachment');
  ticket = found;
}, 60_000);

afterAll(async () => {
  await c.close();
  await backend.close();
});

describe('opening a ticket attachment', () => {
  it('gives an agent the checked bytes, in the format the viewer draws', async () => {
    const meta = ticket.attachments[0];
    if (meta === undefined) throw new Error('no attachment');
    const opened = await open(ticket.id, meta.id);
    if (opened.status !== 'viewable') throw new Error(`refused: ${JSON.stringify(opened)}`);
    const bytes = Buffer.from(opened.base64 ?? '', 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta.sha256);
    expect(opened.size).toBe(meta.size);
    expect(ACCEPTED_FORMATS).toContain(opened.format);
    expect(opened.displayName).not.toBe('');
  });

  it('refuses bytes that do not match the sha256 the ticket lists', async () => {
    const meta = ticket.attachments[0];
    if (meta === undefined) throw new Error('no attachment');
    const current = (await backend.admin.get('ticket', ticket.id)) as Ticket;
    const other = 'f'.repeat(64);
    await backend.admin.writeUnchecked('ticket', ticket.id, {
      ...current,
      attachments: current.attachments.map((a) => (a.id === meta.id ? { ...a, sha256: other } : a)),
      version: current.version + 1,
    });
    await c.engine.pullNow();
    expect(await open(ticket.id, meta.id)).toMatchObject({ status: 'refused', reason: 'sha256_mismatch' });
  });

  it('asks the backend for nothing the ticket does not list', async () => {
    const before = downloads.length;
    await expect(open(ticket.id, 'doc-1-1')).rejects.toThrow(/has no attachment doc-1-1/);
    await expect(open('no-such-ticket', ticket.attachments[0]?.id ?? '')).rejects.toThrow(/has no attachment/);
    expect(downloads).toHaveLength(before);
  });
});
