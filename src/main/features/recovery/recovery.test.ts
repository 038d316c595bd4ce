/**
 * The recovery use-cases against the real reference backend and a real cache
 * file: the queue, opening documents (checked, audited, kept in memory),
 * decisions where the first one wins, the audit log.
 */
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, RecoveryRequest } from '../../../shared/entities.js';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import { createEventPump } from '../../ipc/event-pump.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createCacheReaders } from '../../db/readers.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import { backendOptions, engineFor } from '../../sync/test-support.js';
import type { EngineUnderTest } from '../../sync/test-support.js';
import { createDocumentStore } from './document-store.js';
import { createRecoveryServices } from './handlers.js';
import type { RecoveryServices } from './handlers.js';

let backend: ReferenceBackend;
let c: EngineUnderTest;
let services: RecoveryServices;
let portal: string;
let account: Account;

function smallPng(): Buffer {
  const png = new PNG({ width: 8, height: 6 });
  png.data.fill(200);
  return PNG.sync.write(png);
}

async function intake(file: { bytes: Buffer; name: string; type: string }, over: Record<string, string> = {}) {
  const form = new FormData();
  const fields = {
    firstName: account.firstName,
    lastName: account.lastName,
    customerNumber: account.customerNumber,
    contactEmail: account.registeredEmails[0] ?? '',
    resetEmail: account.registeredEmails[0] ?? '',
    phone: '+41 79 000 00 00',
    street: 'Rue du Marché 1',
    postalCode: '1204',
    city: 'Genève',
    country: 'Suisse',
    language: 'fr',
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('document', new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(`${backend.url}/v1/intake/recovery-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${portal}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as RecoveryRequest;
  await c.engine.pullNow();
  return created;
}

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(50));
  c = engineFor(backend);
  await c.engine.pullNow();
  const login = await fetch(`${backend.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'portal', password: 'portal' }),
  });
  portal = ((await login.json()) as { token: string }).token;
  const individual = c.cache.db
    .prepare("SELECT id FROM accounts WHERE type = 'individual' ORDER BY rowid LIMIT 1")
    .pluck()
    .get() as string;
  const found = c.cache.reader.getRecord('account', individual);
  if (found === null) throw new Error('no individual account in the seed');
  account = found;
  const sync = {
    events: { subscribe: () => () => undefined },
    call: (x) => c.engine.call(x),
    download: (id, max) => c.engine.download(id, max),
  } as Pick<SyncWorkerHandle, 'events' | 'call' | 'download'> as SyncWorkerHandle;
  const deps: FeatureDeps = {
    readers: createCacheReaders(c.cache),
    sync,
    currentAgent: () => Promise.resolve({ id: '1', name: 'Léa', roles: ['verifier'] }),
    userDataDir: '',
    now: () => new Date(),
    pump: createEventPump(),
  };
  services = createRecoveryServices(deps, createDocumentStore(1024 * 1024));
}, 60_000);

afterAll(async () => {
  await c.close();
  await backend.close();
});

const h = () => services.handlers;

describe('recovery queue and detail', () => {
  it('lists open requests oldest first, duplicates grouped under the oldest', async () => {
    const queue = await h()['recovery:queue']();
    expect(queue.length).toBeGreaterThan(0);
    const times = queue.map((e) => e.createdAt);
    expect([...times].sort()).toEqual(times);
    const first = await intake({ bytes: smallPng(), name: 'id.png', type: 'image/png' });
    const second = await intake({ bytes: smallPng(), name: 'id-again.png', type: 'image/png' });
    const again = await h()['recovery:queue']();
    const lead = again.find((e) => e.duplicates.some((d) => d.id === second.id));
    expect(lead).toBeDefined();
    expect(again.some((e) => e.id === second.id)).toBe(false);
    const detail = await h()['recovery:get'](first.id);
    expect(detail?.duplicates.map((d) => d.id)).toContain(second.id);
  });

  it('puts the submitted fields beside the account and flags differences', async () => {
    const r = await intake(
      { bytes: smallPng(), name: 'id.png', type: 'image/png' },
      { lastName: `${account.lastName}x`, resetEmail: 'someone.else@gmail.com' },
    );
    const detail = await h()['recovery:get'](r.id);
    const byField = Object.fromEntries((detail?.comparisons ?? []).map((x) => [x.field, x.matches]));
    expect(byField).toMatchObject({ firstName: true, lastName: false, contactEmail: true, resetEmail: false });
    expect(detail?.account?.id).toBe(account.id);
  });
});

describe('documents', () => {
  it('opens a real PNG: checked, audited, kept in memory, then forgotten when decided', async () => {
    const r = await intake({ bytes: smallPng(), name: '../../etc/id\u202Egnp.png', type: 'image/png' });
    const doc = r.documents[0];
    if (doc === undefined) throw new Error('no document');
    const opened = await h()['recovery:openDocument'](r.id, doc.id, { format_matches: 'pass' }, true);
    expect(opened).toMatchObject({ status: 'viewable', format: 'png', width: 8, height: 6, displayName: 'idgnp.png' });
    if (opened.status !== 'viewable') return;
    expect(Buffer.from(opened.base64 ?? '', 'base64')).toEqual(smallPng());
    expect(services.store.get(doc.id)).toBeDefined();
    // The download was the audit entry, written by the backend: it reaches the cache with the next pull.
    const viewsOf = async (recoveryId: string) => {
      await c.engine.pullNow();
      return h()['recovery:audit']({
        from: null,
        to: null,
        agentId: null,
        action: 'view_document',
        recoveryId,
        limit: 10,
      });
    };
    const views = await viewsOf(r.id);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      documentId: doc.id,
      agentName: 'Léa Favre',
      checklist: { format_matches: 'pass' },
    });
    expect((await h()['recovery:get'](r.id))?.documents[0]?.sniffed).toBe('png');
    // The window still holds it drawn-ready: no bytes this time, the view is audited all the same,
    // once (the console reports it: nothing was downloaded).
    const again = await h()['recovery:openDocument'](r.id, doc.id, {}, false);
    expect(again).toMatchObject({ status: 'viewable', format: 'png', base64: null });
    const twice = await viewsOf(r.id);
    expect(twice).toHaveLength(2);

    const decided = await h()['recovery:decide']({
      requestId: r.id,
      baseVersion: r.version,
      decision: 'approve',
      reasonCode: null,
      message: null,
      documentKind: 'id_card',
      checklist: { format_matches: 'pass' },
      idempotencyKey: randomUUID(),
    });
    expect(decided.ok).toBe(true);
    expect(services.store.get(doc.id)).toBeUndefined();
    // Decided: the backend deleted the bytes, and the console says so instead of an error.
    expect(await h()['recovery:openDocument'](r.id, doc.id, {}, true)).toEqual({
      status: 'deleted',
      documentId: doc.id,
      displayName: 'idgnp.png',
    });
  });

  it('approves only once the verifier opened the document here, which downloads it', async () => {
    const r = await intake({ bytes: smallPng(), name: 'id.png', type: 'image/png' });
    const approve = () =>
      h()['recovery:decide']({
        requestId: r.id,
        baseVersion: r.version,
        decision: 'approve',
        reasonCode: null,
        message: null,
        documentKind: 'id_card',
        checklist: {},
        idempotencyKey: randomUUID(),
      });
    expect(await approve()).toMatchObject({ ok: false, status: 422, reason: 'documents_not_viewed' });
    const doc = r.documents[0];
    if (doc === undefined) throw new Error('no document');
    expect(await h()['recovery:openDocument'](r.id, doc.id, {}, true)).toMatchObject({ status: 'viewable' });
    expect(await approve()).toMatchObject({ ok: true });
  });

  it('refuses a JPG named .pdf and a file whose bytes changed, with their reasons', async () => {
    const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const r = await intake({ bytes: jpegHead, name: 'id.pdf', type: 'application/pdf' });
    const doc = r.documents[0];
    if (doc === undefined) throw new Error('no document');
    expect(await h()['recovery:openDocument'](r.id, doc.id, {}, true)).toMatchObject({
      status: 'refused',
      reason: 'format_mismatch',
      format: 'jpeg',
    });
    expect(services.store.get(doc.id)).toBeUndefined();
    // The cache says one hash, the backend now serves other bytes: refused, never shown.
    await backend.admin.writeUnchecked('recovery', r.id, {
      ...r,
      version: r.version + 1,
      documents: [{ ...doc, sha256: 'f'.repeat(64) }],
    });
    await c.engine.pullNow();
    expect(await h()['recovery:openDocument'](r.id, doc.id, {}, true)).toMatchObject({
      status: 'refused',
      reason: 'sha256_mismatch',
    });
  });
});

describe('decisions', () => {
  it('the first decision wins: a second verifier learns who decided and when', async () => {
    const r = await intake({ bytes: smallPng(), name: 'facture.png', type: 'image/png' });
    const base = {
      requestId: r.id,
      baseVersion: r.version,
      reasonCode: 'invoice_not_identity' as const,
      message: 'Une facture n’est pas un document d’identité.',
      documentKind: 'invoice' as const,
      checklist: { document_kind_fits_account: 'fail' as const },
    };
    const first = await h()['recovery:decide']({ ...base, decision: 'reject', idempotencyKey: randomUUID() });
    expect(first.ok).toBe(true);
    const second = await h()['recovery:decide']({ ...base, decision: 'approve', idempotencyKey: randomUUID() });
    expect(second).toMatchObject({
      ok: false,
      status: 409,
      reason: 'recovery_already_decided',
      decidedBy: { agentName: 'Léa Favre', decision: { decision: 'reject', reasonCode: 'invoice_not_identity' } },
    });
    const log = await h()['recovery:audit']({
      from: null,
      to: null,
      agentId: null,
      action: null,
      recoveryId: r.id,
      limit: 10,
    });
    expect(log.map((e) => e.action)).toEqual(['reject']);
  });

  it('refuses an approval the checklist forbids, with the backend 422', async () => {
    const r = await intake({ bytes: smallPng(), name: 'id.png', type: 'image/png' }, { resetEmail: 'new@gmail.com' });
    const refused = await h()['recovery:decide']({
      requestId: r.id,
      baseVersion: r.version,
      decision: 'approve',
      reasonCode: null,
      message: null,
      documentKind: 'invoice',
      checklist: {},
      idempotencyKey: randomUUID(),
    });
    expect(refused).toMatchObject({
      ok: false,
      status: 422,
      reason: 'approve_forbidden_by_checklist',
      decidedBy: null,
    });
  });
});
