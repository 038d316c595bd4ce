/**
 * The message to the requester that a decision pre-fills, in the request's
 * language (FR/DE/IT/EN). The verifier may edit it before sending; these are
 * starting points that state the provider's rule the request broke.
 */
import type { Language, REJECT_REASONS } from '../entities.js';

export type RejectReasonCode = (typeof REJECT_REASONS)[number];
export type MessageKind = RejectReasonCode | 'request_info' | 'approve';

const GREETING: Record<Language, (name: string) => string> = {
  fr: (n) => `Bonjour ${n},`,
  de: (n) => `Guten Tag ${n}`,
  it: (n) => `Buongiorno ${n},`,
  en: (n) => `Hello ${n},`,
};

const SIGN_OFF: Record<Language, string> = {
  fr: 'Avec nos meilleures salutations,\nLe support',
  de: 'Freundliche Grüsse\nIhr Support',
  it: 'Cordiali saluti,\nIl supporto',
  en: 'Kind regards,\nSupport',
};

const BODY: Record<MessageKind, Record<Language, string>> = {
  invoice_not_identity: {
    fr: 'Nous ne pouvons pas donner suite à votre demande : une facture n’est pas un document d’identité. Merci de nous envoyer une copie de votre carte d’identité (ou, pour une entreprise, le cachet de l’entreprise avec une signature), au format PDF, GIF, PNG ou JPG.',
    de: 'Wir können Ihre Anfrage nicht ausführen: Eine Rechnung ist kein Ausweisdokument. Bitte senden Sie uns eine Kopie Ihrer Identitätskarte (für Firmen den Firmenstempel mit Unterschrift) als PDF, GIF, PNG oder JPG.',
    it: 'Non possiamo dare seguito alla sua richiesta: una fattura non è un documento d’identità. La preghiamo di inviarci una copia della carta d’identità (per le aziende il timbro aziendale con firma) in formato PDF, GIF, PNG o JPG.',
    en: 'We cannot act on your request: an invoice is not an identity document. Please send us a copy of your ID card (for a company, the company stamp with a signature) as a PDF, GIF, PNG or JPG file.',
  },
  document_missing: {
    fr: 'Votre demande ne contient aucun document d’identité. Merci de joindre une copie de votre carte d’identité (ou le cachet de l’entreprise avec une signature) au format PDF, GIF, PNG ou JPG.',
    de: 'Ihrer Anfrage liegt kein Ausweisdokument bei. Bitte fügen Sie eine Kopie Ihrer Identitätskarte (oder den Firmenstempel mit Unterschrift) als PDF, GIF, PNG oder JPG bei.',
    it: 'Alla sua richiesta non è allegato alcun documento d’identità. La preghiamo di allegare una copia della carta d’identità (o il timbro aziendale con firma) in formato PDF, GIF, PNG o JPG.',
    en: 'Your request does not include an identity document. Please attach a copy of your ID card (or the company stamp with a signature) as a PDF, GIF, PNG or JPG file.',
  },
  email_not_registered_no_document: {
    fr: 'L’adresse e-mail à laquelle vous souhaitez recevoir vos accès n’est pas enregistrée sur le compte, et aucune pièce d’identité n’accompagne la demande : pour votre sécurité, nous ne pouvons pas l’exécuter. Merci de refaire la demande avec une copie de votre carte d’identité (ou le cachet de l’entreprise avec une signature).',
    de: 'Die E-Mail-Adresse, an die die Zugangsdaten gehen sollen, ist auf dem Konto nicht hinterlegt, und der Anfrage liegt kein Ausweis bei: Zu Ihrer Sicherheit können wir sie nicht ausführen. Bitte stellen Sie die Anfrage erneut mit einer Kopie Ihrer Identitätskarte (oder dem Firmenstempel mit Unterschrift).',
    it: 'L’indirizzo e-mail al quale desidera ricevere i dati di accesso non è registrato sul conto e alla richiesta non è allegato alcun documento d’identità: per la sua sicurezza non possiamo eseguirla. La preghiamo di ripetere la richiesta con una copia della carta d’identità (o il timbro aziendale con firma).',
    en: 'The e-mail address the new credentials should go to is not registered on the account, and no identity document came with the request: for your security we cannot carry it out. Please send the request again with a copy of your ID card (or the company stamp with a signature).',
  },
  fields_incomplete: {
    fr: 'Le formulaire de récupération n’est pas complet. Merci de remplir tous les champs et de renvoyer votre demande.',
    de: 'Das Wiederherstellungsformular ist nicht vollständig. Bitte füllen Sie alle Felder aus und senden Sie die Anfrage erneut.',
    it: 'Il modulo di recupero non è completo. La preghiamo di compilare tutti i campi e di inviare di nuovo la richiesta.',
    en: 'The recovery form is not complete. Please fill in every field and send your request again.',
  },
  document_unreadable: {
    fr: 'Nous n’avons pas pu lire le document joint. Merci de nous envoyer une copie lisible au format PDF, GIF, PNG ou JPG.',
    de: 'Wir konnten das beigefügte Dokument nicht lesen. Bitte senden Sie uns eine gut lesbare Kopie als PDF, GIF, PNG oder JPG.',
    it: 'Non siamo riusciti a leggere il documento allegato. La preghiamo di inviarci una copia leggibile in formato PDF, GIF, PNG o JPG.',
    en: 'We could not read the attached document. Please send us a legible copy as a PDF, GIF, PNG or JPG file.',
  },
  duplicate_request: {
    fr: 'Votre demande est déjà en cours de traitement sous un autre numéro ; nous fermons celle-ci. Inutile d’en envoyer d’autres : cela ralentit la vérification.',
    de: 'Ihre Anfrage wird bereits unter einer anderen Nummer bearbeitet; wir schliessen diese hier. Bitte senden Sie keine weiteren Anfragen: Das verzögert die Prüfung.',
    it: 'La sua richiesta è già in elaborazione con un altro numero; chiudiamo questa. Non è necessario inviarne altre: rallenterebbe la verifica.',
    en: 'Your request is already being handled under another number; we are closing this one. Please do not send more: it slows the verification down.',
  },
  no_matching_account: {
    fr: 'Les informations de votre demande ne correspondent à aucun compte client : nous ne pouvons rien réinitialiser. Merci de vérifier votre numéro client, votre domaine et l’adresse e-mail enregistrée, puis de refaire la demande.',
    de: 'Die Angaben Ihrer Anfrage passen zu keinem Kundenkonto: Wir können nichts zurücksetzen. Bitte prüfen Sie Kundennummer, Domain und die hinterlegte E-Mail-Adresse und stellen Sie die Anfrage erneut.',
    it: 'I dati della sua richiesta non corrispondono a nessun conto cliente: non possiamo reimpostare nulla. Verifichi il numero cliente, il dominio e l’indirizzo e-mail registrato, poi ripeta la richiesta.',
    en: 'The details of your request match no customer account, so there is nothing we can reset. Please check your customer number, your domain and the registered e-mail address, then send the request again.',
  },
  // "Other" has no sentence of its own: the verifier writes the reason, and a rejection cannot leave without one.
  other: { fr: '', de: '', it: '', en: '' },
  request_info: {
    fr: 'Pour vérifier votre demande, il nous manque une information : ',
    de: 'Um Ihre Anfrage zu prüfen, fehlt uns noch eine Angabe: ',
    it: 'Per verificare la sua richiesta ci manca ancora un’informazione: ',
    en: 'To verify your request we need one more piece of information: ',
  },
  approve: {
    fr: 'Votre identité a été vérifiée : vous allez recevoir vos nouveaux accès à l’adresse indiquée.',
    de: 'Ihre Identität wurde geprüft: Sie erhalten die neuen Zugangsdaten an die angegebene Adresse.',
    it: 'La sua identità è stata verificata: riceverà i nuovi dati di accesso all’indirizzo indicato.',
    en: 'Your identity has been verified: you will receive your new credentials at the address you gave.',
  },
};

/** The sentence that says why, pre-filled for a reason code (empty for "other": the verifier writes it). */
export function reasonSentence(kind: MessageKind, language: Language): string {
  return BODY[kind][language];
}

/** The message the requester reads: greeting by name, the sentence, the sign-off. */
export function composeRequesterMessage(language: Language, requesterName: string, sentence: string): string {
  const name = requesterName.trim();
  const greeting = name === '' ? GREETING[language]('').replace(/\s+,?$/u, ',') : GREETING[language](name);
  return `${greeting}\n\n${sentence.trim()}\n\n${SIGN_OFF[language]}`;
}

/** The pre-filled message for a decision, addressed to the requester by name. */
export function requesterMessage(kind: MessageKind, language: Language, requesterName: string): string {
  return composeRequesterMessage(language, requesterName, reasonSentence(kind, language));
}
