/**
 * Manual account-recovery requests (docs/product-rules.md#account-recovery): the
 * form's fields (mostly complete), the account the backend matched, the
 * uploaded documents, and for older requests the verifier's decision, kept
 * consistent with the backend's approval rule (no approval without a match,
 * of an invoice, or of an unregistered reset address without a document).
 */
import type { Language, RecoveryDecision, RecoveryFields, RecoveryRequest } from '../../shared/entities.js';
import type { AccountProfile } from './people.js';
import type { DocumentKind, MadeDocument, Requester } from './recovery-docs.js';
import { makeDocument } from './recovery-docs.js';
import { Rng, STREAM, weighted } from './random.js';
import type { SeedDocumentRow, SeedSink } from './sink.js';
import { Batcher } from './sink.js';
import { FREEMAIL, PLACES, STREETS, swissPhone } from './vocab.js';
import type { World } from './world.js';
import { DAY_MS, MINUTE_MS } from './world.js';

const COUNTRY: Record<Language, string> = { fr: 'Suisse', de: 'Schweiz', it: 'Svizzera', en: 'Switzerland' };

const MESSAGES: Record<Language, readonly string[]> = {
  fr: [
    "Je n'ai plus accès à l'espace client : l'ancienne adresse e-mail n'existe plus.",
    "La procédure automatique ne fonctionne pas, merci d'envoyer les accès à ma nouvelle adresse.",
  ],
  de: [
    'Ich komme nicht mehr ins Kundencenter, die alte E-Mail-Adresse gibt es nicht mehr.',
    'Die automatische Wiederherstellung funktioniert nicht. Bitte senden Sie die Zugangsdaten an meine neue Adresse.',
  ],
  it: [
    "Non ho più accesso all'area clienti: il vecchio indirizzo e-mail non esiste più.",
    'La procedura automatica non funziona, vi prego di inviare i dati di accesso al mio nuovo indirizzo.',
  ],
  en: [
    'I can no longer log in to the client area: the old e-mail address no longer exists.',
    'The automatic procedure does not work, please send the credentials to my new address.',
  ],
};

/** What individuals and organisations upload; "none" is a request without a document. */
type Upload = readonly DocumentKind[];
const INDIVIDUAL_UPLOADS = weighted<Upload>([
  [['id_card'], 55],
  [['passport'], 20],
  [['invoice'], 10],
  [[], 8],
  [['id_card', 'invoice'], 5],
  [['other'], 2],
]);
const ORGANISATION_UPLOADS = weighted<Upload>([
  [['company_stamp_signature'], 50],
  [['id_card'], 20],
  [['invoice'], 18],
  [[], 8],
  [['company_stamp_signature', 'invoice'], 4],
]);

const REQUIRED: readonly (keyof RecoveryFields)[] = [
  'firstName',
  'lastName',
  'customerNumber',
  'domain',
  'contactEmail',
  'resetEmail',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'message',
];

const REJECT_TEXT: Record<Language, string> = {
  fr: 'Nous ne pouvons pas traiter votre demande. Merci de joindre une copie de votre carte d’identité (ou le cachet de l’entreprise avec signature). Une facture n’est pas un document d’identification.',
  de: 'Wir können Ihre Anfrage nicht bearbeiten. Bitte senden Sie eine Kopie Ihrer ID (oder den Firmenstempel mit Unterschrift). Eine Rechnung ist kein Ausweisdokument.',
  it: 'Non possiamo elaborare la sua richiesta. La preghiamo di allegare una copia della carta d’identità (o il timbro aziendale con firma). Una fattura non è un documento d’identità.',
  en: 'We cannot process your request. Please attach a copy of your ID card (or the company stamp with a signature). An invoice is not an identity document.',
};
const INFO_TEXT: Record<Language, string> = {
  fr: 'Merci de compléter tous les champs du formulaire et de renvoyer le document au format PDF, PNG, JPG ou GIF.',
  de: 'Bitte füllen Sie alle Felder des Formulars aus und senden Sie das Dokument als PDF, PNG, JPG oder GIF.',
  it: 'La preghiamo di compilare tutti i campi del modulo e di inviare il documento in formato PDF, PNG, JPG o GIF.',
  en: 'Please fill in every field of the form and send the document again as PDF, PNG, JPG or GIF.',
};

const DUPLICATE_TEXT: Record<Language, string> = {
  fr: 'Votre demande est déjà en cours de traitement sous un autre numéro ; nous fermons celle-ci.',
  de: 'Ihre Anfrage wird bereits unter einer anderen Nummer bearbeitet; wir schliessen diese hier.',
  it: 'La sua richiesta è già in elaborazione con un altro numero; chiudiamo questa.',
  en: 'Your request is already being handled under another number; we are closing this one.',
};
const OTHER_TEXT: Record<Language, string> = {
  fr: 'Les données saisies ne correspondent à aucun compte client. Merci de vérifier le numéro client et le domaine.',
  de: 'Die Angaben passen zu keinem Kundenkonto. Bitte prüfen Sie Kundennummer und Domain.',
  it: 'I dati inseriti non corrispondono a nessun conto cliente. Verifichi il numero cliente e il dominio.',
  en: 'The details do not match any customer account. Please check the customer number and the domain.',
};

function emailDomain(email: string): string {
  return email.slice(email.indexOf('@') + 1);
}

export function emitRecoveries(world: World, sink: SeedSink): void {
  const { counts, people, nowMs } = world;
  const rng = new Rng(world.seed, STREAM.recoveries);
  let documents: SeedDocumentRow[] = [];
  // Small batches: each request carries up to ~100 KB of files.
  const batch = new Batcher<RecoveryRequest>((rows) => {
    sink.documents(documents);
    documents = [];
    sink.recoveries(rows);
  }, 100);
  const spanMs = 20 * DAY_MS;

  for (let r = 0; r < counts.recoveries; r++) {
    const no = r + 1;
    const createdMs = Math.floor(nowMs - spanMs + ((r + rng.float() * 0.9) * spanMs) / counts.recoveries);
    const created = new Date(Math.min(createdMs, nowMs - MINUTE_MS));
    const profile: AccountProfile | null =
      counts.accounts > 0 && rng.chance(0.85) ? people.account(rng.int(0, counts.accounts - 1)) : null;
    const person = profile ?? people.guest(1_000_000 + r);
    const language = person.language;
    const place = rng.pick(PLACES[language]);
    const registered = profile?.emails ?? [];
    const freshEmail = `${person.firstSlug}.${person.lastSlug}.${rng.int(10, 99)}@${rng.pick(FREEMAIL)}`;

    const fields: RecoveryFields = {
      firstName: person.firstName,
      lastName: person.lastName,
      organisationName: profile?.organisationName ?? '',
      customerNumber: profile
        ? rng.chance(0.8)
          ? profile.customerNumber
          : ''
        : rng.chance(0.5)
          ? ''
          : `CH-9${String(rng.int(0, 99999)).padStart(5, '0')}`,
      // Unknown requesters' domains carry digits, which generated accounts' domains never do.
      domain: profile
        ? rng.chance(0.1)
          ? `www.${profile.domain}`
          : profile.domain
        : `${person.lastSlug}${rng.int(10, 99)}.ch`,
      contactEmail: registered.length > 0 && rng.chance(0.6) ? rng.pick(registered) : freshEmail,
      resetEmail: registered.length > 0 && rng.chance(0.55) ? rng.pick(registered) : freshEmail,
      phone: swissPhone(rng, language),
      street: `${rng.pick(STREETS[language])} ${rng.int(1, 120)}`,
      postalCode: place.postalCode,
      city: place.city,
      country: COUNTRY[language],
      message: rng.pick(MESSAGES[language]),
    };
    if (rng.chance(0.12)) fields[rng.pick(REQUIRED)] = '';
    if (profile?.type === 'organisation' && rng.chance(0.05)) fields.organisationName = '';

    // Matched the way the backend's account-keys do: customer number, registered address, own domain.
    const bareDomain = fields.domain.replace(/^www\./, '');
    const matched =
      profile !== null &&
      (fields.customerNumber === profile.customerNumber ||
        registered.includes(fields.contactEmail) ||
        registered.includes(fields.resetEmail) ||
        registered.some((e) => emailDomain(e) === bareDomain));

    const who: Requester = {
      language,
      firstName: person.firstName,
      lastName: person.lastName,
      organisationName: profile?.organisationName ?? `${person.lastName} GmbH`,
      customerNumber: profile?.customerNumber ?? '',
      street: fields.street,
      city: `${place.postalCode} ${place.city}`,
    };
    const upload = rng.choose(profile?.type === 'organisation' ? ORGANISATION_UPLOADS : INDIVIDUAL_UPLOADS);
    const docs: MadeDocument[] = upload.map((kind, k) =>
      makeDocument(rng, `doc-${no}-${k + 1}`, kind, who, created, rng.chance(0.08)),
    );
    for (const d of docs) documents.push(d.row);

    const age = nowMs - created.getTime();
    const roll = rng.float();
    const stage =
      age < 10 * DAY_MS
        ? roll < 0.85
          ? 'pending'
          : roll < 0.95
            ? 'info'
            : 'decide'
        : roll < 0.45
          ? 'pending'
          : roll < 0.55
            ? 'info'
            : 'decide';
    let decision: RecoveryDecision | null = null;
    let status: RecoveryRequest['status'] = 'pending';
    let updatedMs = created.getTime();
    if (stage !== 'pending') {
      const decidedMs = Math.min(nowMs - MINUTE_MS, created.getTime() + rng.int(2 * 3600_000, 3 * DAY_MS));
      const verifier = rng.pick(world.team.verifiers);
      const facts = {
        fieldsComplete:
          REQUIRED.every((k) => fields[k] !== '') &&
          (profile?.type !== 'organisation' || fields.organisationName !== ''),
        emailRegistered: registered.includes(fields.resetEmail),
        matched,
        docs,
        organisation: profile?.type === 'organisation',
      };
      decision = decide(rng, stage === 'info', facts, language, verifier.id, new Date(decidedMs));
      status =
        decision.decision === 'approve' ? 'approved' : decision.decision === 'reject' ? 'rejected' : 'info_requested';
      updatedMs = decidedMs;
    }
    batch.push({
      id: String(no),
      status,
      fields,
      language,
      matchedAccountId: matched ? profile.id : null,
      documents: docs.map((d) => d.meta),
      decision,
      version: decision ? 2 : 1,
      createdAt: created.toISOString(),
      updatedAt: new Date(Math.max(updatedMs, created.getTime())).toISOString(),
    });
  }
  batch.end();
}

interface Facts {
  readonly fieldsComplete: boolean;
  readonly emailRegistered: boolean;
  readonly matched: boolean;
  readonly docs: readonly MadeDocument[];
  readonly organisation: boolean;
}

/** What a careful verifier decides, with the checklist they saw (item ids: see README). */
function decide(rng: Rng, askInfo: boolean, f: Facts, language: Language, agentId: string, at: Date): RecoveryDecision {
  const first = f.docs[0];
  const identityDoc = f.docs.find((d) => d.kind !== 'invoice' && d.kind !== 'other');
  const fitting = f.organisation ? 'company_stamp_signature' : 'id_card';
  const checklist: RecoveryDecision['checklist'] = {
    fields_complete: f.fieldsComplete ? 'pass' : 'fail',
    document_present: f.docs.length > 0 ? 'pass' : 'fail',
    format_matches: f.docs.length === 0 ? 'review' : f.docs.some((d) => d.mismatched) ? 'fail' : 'pass',
    reset_email_registered_or_document: f.emailRegistered || f.docs.length > 0 ? 'pass' : 'fail',
    // An organisation proves who it is with its stamp only; an individual with an ID card or a passport.
    document_kind_fits_account:
      identityDoc !== undefined &&
      (identityDoc.kind === fitting || (!f.organisation && identityDoc.kind === 'passport'))
        ? 'pass'
        : 'fail',
  };
  const base = {
    agentId,
    decidedAt: at.toISOString(),
    checklist,
    documentKind: identityDoc?.kind ?? first?.kind ?? null,
  };
  const reject = (reasonCode: RecoveryDecision['reasonCode']): RecoveryDecision => ({
    ...base,
    decision: 'reject',
    reasonCode,
    message: (reasonCode === 'duplicate_request'
      ? DUPLICATE_TEXT
      : reasonCode === 'other'
        ? OTHER_TEXT
        : reasonCode === 'fields_incomplete'
          ? INFO_TEXT
          : REJECT_TEXT)[language],
  });
  const info = (): RecoveryDecision => ({
    ...base,
    decision: 'request_info',
    reasonCode: null,
    message: INFO_TEXT[language],
  });

  if (askInfo || (!f.fieldsComplete && rng.chance(0.5))) return info();
  if (rng.chance(0.05)) return reject('duplicate_request');
  if (!identityDoc && first?.kind === 'invoice') return reject('invoice_not_identity');
  if (!identityDoc && !f.emailRegistered) return reject('email_not_registered_no_document');
  if (!f.fieldsComplete) return reject('fields_incomplete');
  if (identityDoc?.mismatched) return info();
  if (!f.matched) return reject('other');
  if (!identityDoc) return reject('document_missing');
  if (checklist.document_kind_fits_account === 'fail') return reject('document_missing');
  return { ...base, decision: 'approve', reasonCode: null, message: null, documentKind: identityDoc.kind };
}
