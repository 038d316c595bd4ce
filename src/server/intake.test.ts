import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryRequest, Ticket } from '../shared/entities.js';
import { PDF_BYTES } from './testing/fixture-seed.js';
import { call, login, reasonOf, startTestBackend } from './testing/harness.js';
import type { JsonAnswer, TestBackend } from './testing/harness.js';

const FORM = {
  firstName: 'Anna',
  lastName: 'Muster',
  organisationName: '',
  customerNumber: '',
  domain: 'www.muster-web.ch',
  contactEmail: 'anna.private@gmail.com',
  resetEmail: 'anna.private@gmail.com',
  phone: '+41 79 000 00 00',
  street: 'Bahnhofstrasse 1',
  postalCode: '8001',
  city: 'Zürich',
  country: 'CH',
  message: 'Lost my password',
  language: 'de',
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('customer intake', () => {
  let backend: TestBackend;
  let portal: string;

  beforeAll(async () => {
    backend = await startTestBackend({ maxUploadBytes: 64 * 1024 });
    portal = await login(backend.url, 'portal', 'portal');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  async function submit(
    fields: Record<string, string>,
    file?: { bytes: Buffer; name: string; type: string },
  ): Promise<JsonAnswer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set('document', new Blob([file.bytes], { type: file.type }), file.name);
    const res = await fetch(`${backend.url}/v1/intake/recovery-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${portal}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as unknown };
  }

  const message = (a: JsonAnswer): string => (a.body as { error: { message: string } }).error.message;

  it('creates a recovery request, matched by domain, with the declared type as sent', async () => {
    const a = await submit(FORM, { bytes: PNG, name: 'passport.jpg', type: 'image/jpeg' });
    expect(a.status, a.text).toBe(201);
    const req = RecoveryRequest.parse(a.body);
    expect(req).toMatchObject({ status: 'pending', matchedAccountId: '1', language: 'de' });
    expect(req.documents[0]).toMatchObject({
      declaredName: 'passport.jpg',
      declaredType: 'image/jpeg',
      size: PNG.length,
    });
    expect(await backend.admin.get('recovery', req.id)).toEqual(req);
  });

  it('names every missing required field', async () => {
    const { firstName: _f, city: _c, ...partial } = FORM;
    const a = await submit({ ...partial, phone: '  ' });
    expect(a.status).toBe(400);
    const fields = (a.body as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['city', 'document', 'firstName', 'phone']);
    expect(fields.city).toBe('This field is required.');
    expect(message(a)).toContain('firstName');
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(70 * 1024, 0x20)]);
    const a = await submit(FORM, { bytes: big, name: 'scan.pdf', type: 'application/pdf' });
    expect(a.status).toBe(413);
    expect(reasonOf(a)).toBe('file_too_large');
    expect(message(a)).toContain('limit of 64 KiB');
  });

  it('judges the format by the bytes, not the name (415)', async () => {
    const text = Buffer.from('this is not a passport, just text');
    const a = await submit(FORM, { bytes: text, name: 'id.pdf', type: 'application/pdf' });
    expect(a.status).toBe(415);
    expect(reasonOf(a)).toBe('unsupported_document_format');
    expect(message(a)).toMatch(/PDF, PNG, JPG or GIF/);
  });

  it('creates tickets and validates them', async () => {
    const ok = await call(backend.url, 'POST', '/v1/intake/tickets', {
      token: portal,
      body: {
        accountId: '1',
        channel: 'portal',
        categoryId: 'email',
        subject: 'Mails bounce',
        body: 'Since this morning.',
        requesterName: 'Anna Muster',
        requesterEmail: 'anna@muster-web.ch',
        language: 'de',
        callbackPhone: '+41 44 000 00 00',
      },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(Ticket.parse(ok.body)).toMatchObject({ status: 'new', level: 1, callbackPhone: '+41 44 000 00 00' });
    const bad = await call(backend.url, 'POST', '/v1/intake/tickets', {
      token: portal,
      body: { channel: 'portal', categoryId: 'email', language: 'de' },
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['body', 'requesterEmail', 'requesterName', 'subject']);
    const agent = await login(backend.url, 'marco');
    const forbidden = await call(backend.url, 'POST', '/v1/intake/tickets', { token: agent, body: {} });
    expect([forbidden.status, reasonOf(forbidden)]).toEqual([403, 'role_missing']);
  });
});
