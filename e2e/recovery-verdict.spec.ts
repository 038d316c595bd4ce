/**
 * The verification desk's verdict does not mislead, in Chromium through the
 * browser harness against the reference backend: the queue, the checklist
 * and the decision bar say the same thing (to check before anything is
 * confirmed, impossible only for a failed rule, named); each document gets
 * its own confirmation beside its real format; approve first shows what will
 * happen and takes the same key again (or Enter); a rejection needs its
 * reason code and the sentence the requester reads.
 */
import type { RecoveryRequest } from '../src/shared/entities.js';
import type { ConsoleApi } from '../src/shared/ipc.js';
import { expect, test } from './fixtures.js';
import { RecoveryPage } from './pages/index.js';
import { cardPng, fieldsFor, freeAccounts, invoicePdf, portalToken, submitRecovery } from './pages/RecoveryIntake.js';
import type { Upload } from './pages/RecoveryIntake.js';

test.use({ viewport: { width: 1440, height: 900 } });

async function submitter(url: string) {
  const portal = await portalToken(url);
  return async (fields: Record<string, string>, file: Upload): Promise<RecoveryRequest> => {
    const { status, request } = await submitRecovery(url, portal, fields, file);
    expect(status).toBe(201);
    if (request === null) throw new Error('no request');
    return request;
  };
}

const firstDocument = (r: RecoveryRequest): string => r.documents[0]?.id ?? '';

test('queue, checklist and decision bar agree: to check until each document is confirmed, impossible only for a failed rule', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const admin = backend.current.admin;
  const submit = await submitter(backend.url);
  const [anna, ben] = await freeAccounts(admin, 'individual', 2);
  if (anna === undefined || ben === undefined) throw new Error('accounts');
  // Only an invoice, and the reset address is not on the account.
  const invoiceOnly = await submit(fieldsFor(anna, { resetEmail: 'anna.neu@gmail.com', language: 'fr' }), {
    bytes: await invoicePdf(),
    name: 'Rechnung.pdf',
    type: 'application/pdf',
  });
  // An organisation's form and stamp against a private person's account.
  const orgForm = await submit(fieldsFor(ben, { organisationName: 'Muster Immobilien AG', language: 'fr' }), {
    bytes: cardPng(),
    name: 'Stempel_Unterschrift.png',
    type: 'image/png',
  });

  const desk = new RecoveryPage(page);
  await desk.open();
  for (const r of [invoiceOnly, orgForm]) {
    await expect(desk.row(r.id)).toHaveAttribute('data-verdict', 'pending');
    await expect(desk.rowVerdict(r.id)).toHaveText('à vérifier');
  }

  await desk.select(invoiceOnly.id);
  expect(await desk.settledViewer()).toBe('shown');
  // Opened but not confirmed: work left, named, and not in red.
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'pending');
  await expect(desk.rowVerdict(invoiceOnly.id)).toHaveText('à vérifier');
  await expect(desk.approveWhy).toHaveAttribute('data-verdict', 'pending');
  await expect(desk.approveWhy).toHaveText(
    'À vérifier avant d’approuver : Confirmer la nature de Rechnung.pdf. (le nom évoque : Facture)',
  );
  await expect(desk.approve).toBeDisabled();
  await desk.kind(firstDocument(invoiceOnly)).selectOption('invoice');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'impossible');
  await expect(desk.row(invoiceOnly.id)).toHaveAttribute('data-verdict', 'impossible');
  await expect(desk.approveWhy).toHaveText(
    'Approbation impossible : Adresse non enregistrée et le document n’est pas une pièce d’identité. Une facture n’est pas un document d’identité.',
  );

  await desk.select(orgForm.id);
  expect(await desk.settledViewer()).toBe('shown');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'pending');
  await expect(desk.row(orgForm.id)).toHaveAttribute('data-verdict', 'pending');
  await expect(desk.approveWhy).toContainText('(le nom évoque : Cachet de l’entreprise avec signature)');
  await desk.kind(firstDocument(orgForm)).selectOption('company_stamp_signature');
  await expect(desk.check('document_kind_fits_account')).toHaveAttribute('data-reason', 'stamp_for_individual');
  await expect(desk.verdict).toHaveText('approbation impossible');
  await expect(desk.row(orgForm.id)).toHaveAttribute('data-verdict', 'impossible');
  await expect(desk.approveWhy).toHaveText(
    'Approbation impossible : Un cachet d’entreprise ne convient pas à un compte de particulier.',
  );
  await expect(desk.approve).toBeDisabled();
  expect(consoleErrors).toEqual([]);
});

test('each document is confirmed on its own, beside its real format, and each kind is stored', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const admin = backend.current.admin;
  const submit = await submitter(backend.url);
  const [cara] = await freeAccounts(admin, 'individual', 1);
  if (cara === undefined) throw new Error('accounts');
  // The portal takes one file per request; the helpdesk joins a second one sent later to the first request.
  const first = await submit(fieldsFor(cara, { language: 'fr' }), {
    bytes: cardPng(480, 300),
    name: 'IMG_2041.png',
    type: 'image/png',
  });
  const second = await submit(fieldsFor(cara, { language: 'fr' }), {
    bytes: await invoicePdf(),
    name: 'facture.pdf',
    type: 'application/pdf',
  });
  const photo = firstDocument(first);
  const bill = firstDocument(second);
  await admin.writeUnchecked('recovery', first.id, {
    ...first,
    documents: [...first.documents, ...second.documents],
    version: first.version + 1,
  });
  await admin.deleteRecord('recovery', second.id);

  const desk = new RecoveryPage(page);
  await desk.open();
  await expect(desk.row(second.id)).toHaveCount(0);
  await desk.select(first.id);
  await expect(desk.confirmation(bill)).toBeVisible();
  expect(await desk.settledViewer()).toBe('shown');
  await expect(desk.confirmation(photo)).toContainText('IMG_2041.png PNG 480×300');
  // Not opened yet: nothing to confirm from a name alone, which is only a hint.
  await expect(desk.confirmation(bill)).toContainText('facture.pdf pas encore ouvert');
  await expect(desk.confirmation(bill)).toContainText('le nom évoque : Facture');
  await expect(desk.kind(bill)).toBeDisabled();

  await desk.kind(photo).selectOption('id_card');
  await expect(desk.confirmation(photo)).toHaveAttribute('data-confirmed', 'true');
  await expect(desk.confirmation(bill)).toHaveAttribute('data-confirmed', 'false');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'pending');
  await expect(desk.approveWhy).toHaveText(
    'À vérifier avant d’approuver : Ouvrir facture.pdf. Confirmer la nature de facture.pdf. (le nom évoque : Facture)',
  );

  await desk.document(bill).click();
  expect(await desk.settledViewer()).toBe('shown');
  await expect(desk.confirmation(bill)).toContainText('facture.pdf PDF, 1 page');
  await desk.kind(bill).selectOption('invoice');
  await expect(desk.kind(photo)).toHaveValue('id_card');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'ready');
  await expect(desk.approve).toBeEnabled();

  // Asked for more: the decision keeps what the verifier said of each document.
  await desk.requestInfo.click();
  await desk.message.fill('Merci de nous envoyer aussi le verso de la carte.');
  await desk.send.click();
  await expect(desk.done).toBeVisible();
  expect((await admin.get('recovery', first.id))?.decision).toMatchObject({
    decision: 'request_info',
    documentKind: 'id_card',
    documentKinds: { [photo]: 'id_card', [bill]: 'invoice' },
  });
  expect(consoleErrors).toEqual([]);
});

test('approve shows who gets the reset link for which account, and takes A again or Enter', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const admin = backend.current.admin;
  const submit = await submitter(backend.url);
  const [dora] = await freeAccounts(admin, 'individual', 1);
  if (dora === undefined) throw new Error('accounts');
  const request = await submit(fieldsFor(dora, { language: 'fr' }), {
    bytes: cardPng(),
    name: 'carte-identite.png',
    type: 'image/png',
  });
  const resetEmail = dora.registeredEmails[0] ?? '';

  const desk = new RecoveryPage(page);
  await desk.open();
  await desk.select(request.id);
  expect(await desk.settledViewer()).toBe('shown');
  await desk.kind(firstDocument(request)).selectOption('id_card');
  await expect(desk.verdict).toHaveAttribute('data-verdict', 'ready');

  await page.keyboard.press('a');
  await expect(desk.approvePreview).toBeVisible();
  await expect(desk.approvePreview).toContainText(
    `Le lien de réinitialisation sera envoyé à ${resetEmail}, pour le compte ${dora.firstName} ${dora.lastName} (${dora.customerNumber}).`,
  );
  await expect(desk.approveConfirm).toBeFocused();
  expect((await admin.get('recovery', request.id))?.status).toBe('pending');
  // Escape steps back: nothing was sent.
  await page.keyboard.press('Escape');
  await expect(desk.approvePreview).toHaveCount(0);
  expect((await admin.get('recovery', request.id))?.status).toBe('pending');

  await page.keyboard.press('a');
  await expect(desk.approveConfirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(desk.done).toBeVisible();
  expect((await admin.get('recovery', request.id))?.status).toBe('approved');
  expect((await admin.resets()).filter((r) => r.recoveryId === request.id)).toMatchObject([
    { accountId: dora.id, resetEmail },
  ]);
  expect(consoleErrors).toEqual([]);
});

test('a rejection needs a reason code and the sentence the requester reads; the backend refuses a blank one', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const admin = backend.current.admin;
  const submit = await submitter(backend.url);
  const [emil] = await freeAccounts(admin, 'individual', 1);
  if (emil === undefined) throw new Error('accounts');
  const request = await submit(fieldsFor(emil, { language: 'fr' }), {
    bytes: cardPng(),
    name: 'carte-identite.png',
    type: 'image/png',
  });

  const desk = new RecoveryPage(page);
  await desk.open();
  await desk.select(request.id);
  expect(await desk.settledViewer()).toBe('shown');
  // No rule failed, so no reason is chosen for the verifier: "other" is not a default.
  await page.keyboard.press('r');
  await expect(desk.reason).toHaveValue('');
  await expect(desk.send).toBeDisabled();
  await expect(desk.missing).toHaveText('Choisissez un motif de refus.');
  await desk.reason.selectOption('no_matching_account');
  await expect(desk.message).toHaveValue(/ne correspondent à aucun compte client/);
  await expect(desk.send).toBeEnabled();
  await desk.reason.selectOption('other');
  await expect(desk.message).toHaveValue('');
  await expect(desk.send).toBeDisabled();
  await expect(desk.missing).toHaveText('Écrivez la phrase que le demandeur lira.');
  await desk.message.fill('   ');
  await expect(desk.send).toBeDisabled();

  // Forced through the IPC with a blank sentence, the backend refuses it with its code.
  const forced = await page.evaluate(
    ({ id, version }) =>
      (globalThis as unknown as { api: ConsoleApi }).api['recovery:decide']({
        requestId: id,
        baseVersion: version,
        decision: 'reject',
        reasonCode: 'other',
        message: 'Bonjour,\n\nNous ne pouvons pas donner suite à votre demande pour la raison suivante : ',
        reasonSentence: ' ',
        documentKind: null,
        checklist: {},
        idempotencyKey: 'forced-blank-rejection',
      }),
    { id: request.id, version: request.version },
  );
  expect(forced).toMatchObject({ ok: true, value: { ok: false, status: 422, reason: 'reject_sentence_required' } });
  expect((await admin.get('recovery', request.id))?.status).toBe('pending');

  const sentence = 'Le domaine appartient depuis mars à une autre personne.';
  await desk.message.fill(sentence);
  await page.getByText('Message tel qu’il partira').click();
  await expect(desk.preview).toHaveText(
    `Bonjour ${emil.firstName} ${emil.lastName},\n\n${sentence}\n\nAvec nos meilleures salutations,\nLe support`,
    { useInnerText: true },
  );
  await desk.send.click();
  await expect(desk.done).toBeVisible();
  expect((await admin.get('recovery', request.id))?.decision).toMatchObject({
    decision: 'reject',
    reasonCode: 'other',
    reasonSentence: sentence,
    message: expect.stringContaining(sentence),
  });
  expect(consoleErrors).toEqual([]);
});
