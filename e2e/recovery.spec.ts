/**
 * A verifier's day on the recovery desk, in Chromium through the browser
 * harness: approve a complete request with a matching ID card; reject one
 * whose document is an invoice, with the pre-filled message, and find its
 * document deleted by the backend when opened again; fail to approve
 * a reset to an unregistered address without a document (button disabled
 * with the reason, and the backend's 422 when forced through the IPC); find
 * all three in the audit log; see a broken PNG refused with its reason, and
 * a pixel bomb refused by the viewer (approval impossible, said why) and, when
 * approved anyway through the IPC, by the backend.
 */
import type { RecoveryRequest } from '../src/shared/entities.js';
import type { ConsoleApi } from '../src/shared/ipc.js';
import { expect, test } from './fixtures.js';
import { pngHeader } from '../src/server/testing/hostile-documents.js';
import { CommandPalette, RecoveryPage } from './pages/index.js';
import {
  brokenPng,
  cardPng,
  fieldsFor,
  freeAccounts,
  invoicePdf,
  portalToken,
  strangerFields,
  submitRecovery,
} from './pages/RecoveryIntake.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('approve, reject with the pre-filled message, refuse an unsafe approval, audit them, refuse a broken PNG @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const admin = backend.current.admin;
  const portal = await portalToken(backend.url);
  const [alice, bruno, carla, dora] = await freeAccounts(admin, 'individual', 4);
  if (alice === undefined || bruno === undefined || carla === undefined || dora === undefined) {
    throw new Error('accounts');
  }

  const submit = async (fields: Record<string, string>, file: Parameters<typeof submitRecovery>[3]) => {
    const { status, request } = await submitRecovery(backend.url, portal, fields, file);
    expect(status).toBe(201);
    return request as RecoveryRequest;
  };
  const complete = await submit(fieldsFor(alice), {
    bytes: cardPng(),
    name: 'carte-identite.png',
    type: 'image/png',
  });
  const invoice = await submit(fieldsFor(bruno, { language: 'de' }), {
    bytes: await invoicePdf(),
    name: 'Rechnung.pdf',
    type: 'application/pdf',
  });
  const broken = await submit(strangerFields(1), { bytes: brokenPng(), name: 'ausweis.png', type: 'image/png' });
  // 50,000 × 50,000 pixels declared in a 33-byte PNG: the viewer refuses to decode it, the backend to approve it.
  const bomb = await submit(fieldsFor(dora), {
    bytes: pngHeader(50_000, 50_000),
    name: 'passeport.png',
    type: 'image/png',
  });
  // The portal refuses a request without a document; such requests still reach the helpdesk by other ways.
  const unregisteredId = '9001';
  const now = new Date().toISOString();
  await admin.writeUnchecked('recovery', unregisteredId, {
    id: unregisteredId,
    status: 'pending',
    fields: {
      firstName: carla.firstName,
      lastName: carla.lastName,
      organisationName: '',
      customerNumber: carla.customerNumber,
      domain: '',
      contactEmail: carla.registeredEmails[0] ?? '',
      resetEmail: 'carla.neu@gmail.com',
      phone: '+41 79 555 12 34',
      street: 'Rue du Rhône 3',
      postalCode: '1204',
      city: 'Genève',
      country: 'Suisse',
      message: 'Je n’ai plus accès à mon ancienne adresse.',
    },
    language: 'fr',
    matchedAccountId: carla.id,
    documents: [],
    decision: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });

  const desk = new RecoveryPage(page);
  await desk.open();
  for (const id of [complete.id, invoice.id, broken.id, unregisteredId]) await expect(desk.row(id)).toBeVisible();

  // ?: the recovery desk's keys, from the table the key handler reads; not the triage desk's.
  await page.keyboard.press('?');
  const help = new CommandPalette(page).helpOverlay();
  const deskKeys = help.getByTestId('help-section-recovery');
  await expect(deskKeys.getByTestId('help-approve').getByTestId('help-key')).toHaveText(['A']);
  await expect(deskKeys.getByTestId('help-reject').getByTestId('help-key')).toHaveText(['R']);
  await expect(deskKeys.getByTestId('help-zoomIn').getByTestId('help-key')).toHaveText(['+', '=']);
  await expect(deskKeys.getByTestId('help-requestNext')).toContainText('Demande suivante');
  await expect(help.getByTestId('help-reply')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // 1. A complete request with a matching ID card.
  await desk.select(complete.id);
  expect(await desk.settledViewer()).toBe('shown');
  await expect(desk.compare('lastName')).toHaveAttribute('data-matches', 'true');
  await expect(desk.approve).toBeDisabled(); // the kind is not confirmed yet
  await desk.kind(complete.documents[0]?.id ?? '').selectOption('id_card');
  await expect(desk.check('format_matches')).toHaveAttribute('data-status', 'pass');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'ready');
  await expect(desk.approve).toBeEnabled();
  await docScreenshot('verification.png');
  await page.keyboard.press('a');
  await expect(desk.approvePreview).toBeVisible();
  await page.keyboard.press('a');
  await expect(desk.done).toBeVisible();
  await expect(desk.status).toHaveText('approuvée');
  expect((await admin.get('recovery', complete.id))?.status).toBe('approved');

  // 2. An invoice: rejected with the message pre-filled in the requester's language (German).
  await desk.select(invoice.id);
  expect(await desk.settledViewer()).toBe('shown');
  await desk.kind(invoice.documents[0]?.id ?? '').selectOption('invoice');
  await expect(desk.check('document_kind_fits_account')).toHaveAttribute('data-reason', 'invoice');
  await expect(desk.approve).toBeDisabled();
  await page.keyboard.press('r');
  await expect(desk.reason).toHaveValue('invoice_not_identity');
  await expect(desk.message).toHaveValue(/Eine Rechnung ist kein Ausweisdokument/);
  await desk.message.fill(`${await desk.message.inputValue()}\nPS: Bitte als PDF.`);
  await desk.send.click();
  await expect(desk.done).toBeVisible();
  const rejected = await admin.get('recovery', invoice.id);
  expect(rejected?.status).toBe('rejected');
  expect(rejected?.decision?.reasonCode).toBe('invoice_not_identity');
  expect(rejected?.decision?.message).toMatch(/Eine Rechnung ist kein Ausweisdokument[\s\S]*PS: Bitte als PDF\./);
  // The backend deleted the invoice's bytes with the rejection: opened again, it says so, not an error.
  await desk.document(invoice.documents[0]?.id ?? '').click();
  expect(await desk.settledViewer()).toBe('deleted');
  await expect(desk.viewer).toContainText('Document supprimé après la décision.');
  await expect(desk.viewer.getByRole('alert')).toHaveCount(0);

  // 3. A reset to an unregistered address without a document: approve is disabled, with the reason…
  await desk.select(unregisteredId);
  await expect(desk.check('reset_email_registered_or_document')).toHaveAttribute('data-status', 'fail');
  await expect(desk.approve).toBeDisabled();
  await expect(desk.approveWhy).toContainText('Adresse non enregistrée');
  // …and the backend refuses it when sent anyway through the IPC.
  const forced = await page.evaluate(
    (id) =>
      (globalThis as unknown as { api: ConsoleApi }).api['recovery:decide']({
        requestId: id,
        baseVersion: 1,
        decision: 'approve',
        reasonCode: null,
        message: null,
        documentKind: 'id_card',
        checklist: {},
        idempotencyKey: 'forced-approve-9001',
      }),
    unregisteredId,
  );
  expect(forced).toMatchObject({
    ok: true,
    value: { ok: false, status: 422, reason: 'approve_forbidden_by_checklist' },
  });
  expect((await admin.get('recovery', unregisteredId))?.status).toBe('pending');
  await desk.reject.click();
  await expect(desk.reason).toHaveValue('email_not_registered_no_document');
  await desk.send.click();
  await expect(desk.done).toBeVisible();

  // 4. A broken PNG: refused with its reason, never drawn.
  await desk.select(broken.id);
  expect(await desk.settledViewer()).toBe('refused');
  await expect(desk.viewer).toHaveAttribute('data-reason', 'image_undecodable');
  await expect(desk.refusal).toContainText('endommagée');

  // 5. A pixel bomb: refused by the viewer, so approval is impossible, said why; forced past it, the backend refuses it.
  await desk.select(bomb.id);
  expect(await desk.settledViewer()).toBe('refused');
  await expect(desk.viewer).toHaveAttribute('data-reason', 'image_too_large');
  await desk.kind(bomb.documents[0]?.id ?? '').selectOption('passport');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'impossible');
  await expect(desk.approve).toBeDisabled();
  await expect(desk.approveWhy).toHaveText(
    'Approbation impossible : passeport.png ne passe pas les contrôles : l’image annonce trop de pixels pour être décodée sans risque.',
  );
  const forcedBomb = await page.evaluate(
    ({ id, version, documentId }) =>
      (globalThis as unknown as { api: ConsoleApi }).api['recovery:decide']({
        requestId: id,
        baseVersion: version,
        decision: 'approve',
        reasonCode: null,
        message: null,
        documentKinds: { [documentId]: 'passport' },
        documentKind: null,
        checklist: {},
        idempotencyKey: 'forced-approve-bomb',
      }),
    { id: bomb.id, version: bomb.version, documentId: bomb.documents[0]?.id ?? '' },
  );
  expect(forcedBomb).toMatchObject({
    ok: true,
    value: { ok: false, status: 422, reason: 'document_checks_failed' },
  });
  expect((await admin.get('recovery', bomb.id))?.status).toBe('pending');

  // 6. The audit log shows the three decisions and the document views.
  await desk.auditTab.click();
  await expect(
    page.locator(`[data-testid="audit-row"][data-action="approve"][data-request="${complete.id}"]`),
  ).toHaveCount(1);
  await expect(
    page.locator(`[data-testid="audit-row"][data-action="reject"][data-request="${invoice.id}"]`),
  ).toHaveCount(1);
  await expect(
    page.locator(`[data-testid="audit-row"][data-action="reject"][data-request="${unregisteredId}"]`),
  ).toHaveCount(1);
  await expect(
    page.locator(`[data-testid="audit-row"][data-action="view_document"][data-request="${broken.id}"]`),
  ).toHaveCount(1);
  await desk.auditAction.selectOption('reject');
  await expect(page.locator('[data-testid="audit-row"][data-action="approve"]')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await desk.auditExport.click();
  const csv = await (await download).createReadStream();
  const text = await new Promise<string>((resolve) => {
    let s = '';
    csv.on('data', (c: Buffer) => (s += c.toString('utf8')));
    csv.on('end', () => {
      resolve(s);
    });
  });
  expect(text.split('\r\n')[0]).toBe(
    'at,action,recovery_id,agent_id,agent_name,document_id,document_kind,reason_code,checklist',
  );
  expect(text).toContain(`,reject,${invoice.id},`);

  expect(consoleErrors).toEqual([]);
});
