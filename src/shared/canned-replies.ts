/**
 * Canned replies for hosting support, in the customer's language. The
 * termination reply follows the provider's own contact page
 * (../shared/seed: terminations are never accepted by chat, for security;
 * requests go through the client area). Pure data: the renderer picks the
 * ticket's language and may edit the text before sending.
 */
import type { CannedReply } from './ipc.js';

/** The reply a chat termination is answered with (PRODUCT.md: "offers the reply that sends the customer to the proper channel"). */
export const TERMINATION_VIA_CHAT_REPLY_ID = 'termination-via-chat';

type Texts = Record<CannedReply['language'], { title: string; body: string }>;

const REPLIES: Record<string, Texts> = {
  [TERMINATION_VIA_CHAT_REPLY_ID]: {
    fr: {
      title: 'Résiliation : pas par chat',
      body:
        'Bonjour,\n\nMerci pour votre message. Pour des raisons de sécurité, les résiliations ne peuvent pas être acceptées par chat.\n\n' +
        'Veuillez nous transmettre votre résiliation via votre espace client personnel : connectez-vous sur www.swizzonic.ch en cliquant sur « Espace client » en haut à droite, puis sur « Faire une demande d’assistance », et choisissez la catégorie correspondante. ' +
        'Vous pouvez aussi nous envoyer une lettre de résiliation signée.\n\nNous traiterons votre demande dès réception. Meilleures salutations',
    },
    de: {
      title: 'Kündigung: nicht per Chat',
      body:
        'Guten Tag\n\nVielen Dank für Ihre Nachricht. Aus Sicherheitsgründen können Kündigungen nicht per Chat entgegengenommen werden.\n\n' +
        'Bitte senden Sie uns Ihre Kündigung über Ihren persönlichen Kundenbereich: Melden Sie sich auf www.swizzonic.ch über «Kundenbereich» oben rechts an, klicken Sie auf «Supportanfrage stellen» und wählen Sie die passende Kategorie. ' +
        'Alternativ können Sie uns eine unterschriebene Kündigung per Brief senden.\n\nWir bearbeiten Ihre Anfrage nach Eingang. Freundliche Grüsse',
    },
    it: {
      title: 'Disdetta: non via chat',
      body:
        'Buongiorno,\n\nGrazie per il suo messaggio. Per motivi di sicurezza, le disdette non possono essere accettate via chat.\n\n' +
        'La preghiamo di inviarci la disdetta tramite la sua area clienti personale: acceda su www.swizzonic.ch cliccando su «Area clienti» in alto a destra, poi su «Fare una richiesta di assistenza», e scelga la categoria corrispondente. ' +
        'In alternativa può inviarci una lettera di disdetta firmata.\n\nTratteremo la sua richiesta al più presto. Cordiali saluti',
    },
    en: {
      title: 'Termination: not by chat',
      body:
        'Hello,\n\nThank you for your message. For security reasons, terminations cannot be accepted by chat.\n\n' +
        'Please send us your termination through your personal client area: sign in at www.swizzonic.ch via "Client area" at the top right, click "Submit a support request" and choose the matching category. ' +
        'You may also send us a signed termination letter.\n\nWe will process your request as soon as we receive it. Kind regards',
    },
  },
  'ticket-received': {
    fr: {
      title: 'Demande bien reçue',
      body: 'Bonjour,\n\nNous avons bien reçu votre demande et la traitons dans les plus brefs délais. Merci de ne pas ouvrir d’autre ticket pour le même sujet : cela ralentit son traitement.\n\nMeilleures salutations',
    },
    de: {
      title: 'Anfrage erhalten',
      body: 'Guten Tag\n\nWir haben Ihre Anfrage erhalten und bearbeiten sie so rasch wie möglich. Bitte eröffnen Sie zum selben Thema kein weiteres Ticket: Das verzögert die Bearbeitung.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiesta ricevuta',
      body: 'Buongiorno,\n\nAbbiamo ricevuto la sua richiesta e la trattiamo il prima possibile. La preghiamo di non aprire altri ticket per lo stesso argomento: ciò ne rallenta il trattamento.\n\nCordiali saluti',
    },
    en: {
      title: 'Request received',
      body: 'Hello,\n\nWe have received your request and will handle it as soon as possible. Please do not open another ticket for the same matter: it slows down its handling.\n\nKind regards',
    },
  },
  'more-information': {
    fr: {
      title: 'Informations complémentaires',
      body: 'Bonjour,\n\nAfin d’identifier le problème plus rapidement, pourriez-vous nous indiquer le nom de domaine concerné, le message d’erreur exact et, si possible, joindre une capture d’écran ?\n\nMeilleures salutations',
    },
    de: {
      title: 'Weitere Angaben',
      body: 'Guten Tag\n\nDamit wir das Problem schneller eingrenzen können: Bitte nennen Sie uns die betroffene Domain, die genaue Fehlermeldung und senden Sie uns wenn möglich einen Screenshot.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Ulteriori informazioni',
      body: 'Buongiorno,\n\nPer identificare il problema più rapidamente, può indicarci il dominio interessato, il messaggio di errore esatto e, se possibile, allegare uno screenshot?\n\nCordiali saluti',
    },
    en: {
      title: 'More information needed',
      body: 'Hello,\n\nTo identify the problem faster, could you tell us the domain concerned and the exact error message and, if possible, attach a screenshot?\n\nKind regards',
    },
  },
  'callback-priority-support': {
    fr: {
      title: 'Rappel : Priority Support requis',
      body: 'Bonjour,\n\nLe rappel par un expert de deuxième niveau est réservé aux clients ayant souscrit le service Priority Support. Nous traitons votre demande par écrit via ce ticket.\n\nMeilleures salutations',
    },
    de: {
      title: 'Rückruf: Priority Support nötig',
      body: 'Guten Tag\n\nEin Rückruf durch unsere Second-Level-Experten ist Kundinnen und Kunden mit dem Service Priority Support vorbehalten. Wir bearbeiten Ihre Anfrage schriftlich über dieses Ticket.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiamata: serve Priority Support',
      body: 'Buongiorno,\n\nLa richiamata da parte di un esperto di secondo livello è riservata ai clienti che hanno acquistato il servizio Priority Support. Trattiamo la sua richiesta per iscritto tramite questo ticket.\n\nCordiali saluti',
    },
    en: {
      title: 'Callback: Priority Support required',
      body: 'Hello,\n\nA callback from a level-two expert is reserved for customers who bought the Priority Support service. We will handle your request in writing through this ticket.\n\nKind regards',
    },
  },
  'phone-hours': {
    fr: {
      title: 'Horaires du support téléphonique',
      body: 'Bonjour,\n\nNotre support téléphonique est joignable du lundi au vendredi, de 8 h à 12 h et de 13 h à 17 h. Pour les demandes techniques, un ticket reste la voie la plus rapide.\n\nMeilleures salutations',
    },
    de: {
      title: 'Zeiten des Telefonsupports',
      body: 'Guten Tag\n\nUnser Telefonsupport ist von Montag bis Freitag, 8–12 Uhr und 13–17 Uhr, erreichbar. Für technische Anfragen ist ein Ticket der schnellste Weg.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Orari del supporto telefonico',
      body: 'Buongiorno,\n\nIl nostro supporto telefonico è raggiungibile dal lunedì al venerdì, dalle 8 alle 12 e dalle 13 alle 17. Per le richieste tecniche, un ticket resta la via più rapida.\n\nCordiali saluti',
    },
    en: {
      title: 'Phone support hours',
      body: 'Hello,\n\nOur phone support is available Monday to Friday, 8:00–12:00 and 13:00–17:00 (Swiss time). For technical requests, a ticket remains the fastest way.\n\nKind regards',
    },
  },
  solved: {
    fr: {
      title: 'Problème résolu',
      body: 'Bonjour,\n\nLe problème est résolu de notre côté. N’hésitez pas à répondre à ce ticket si la situation persiste.\n\nMeilleures salutations',
    },
    de: {
      title: 'Problem gelöst',
      body: 'Guten Tag\n\nDas Problem ist auf unserer Seite behoben. Antworten Sie gerne auf dieses Ticket, falls es weiterhin besteht.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Problema risolto',
      body: 'Buongiorno,\n\nIl problema è stato risolto da parte nostra. Risponda pure a questo ticket se la situazione persiste.\n\nCordiali saluti',
    },
    en: {
      title: 'Problem solved',
      body: 'Hello,\n\nThe problem is solved on our side. Feel free to reply to this ticket if it persists.\n\nKind regards',
    },
  },
};

/** Every canned reply, one entry per reply and language; ids are `<reply>.<language>`. */
export const CANNED_REPLIES: readonly CannedReply[] = Object.entries(REPLIES).flatMap(([id, texts]) =>
  (Object.keys(texts) as CannedReply['language'][]).map((language) => ({
    id: `${id}.${language}`,
    language,
    title: texts[language].title,
    body: texts[language].body,
  })),
);
