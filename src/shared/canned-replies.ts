/**
 * Canned replies for hosting support, in the customer's language. The
 * termination reply follows the provider's own contact page (terminations
 * are never accepted by chat, for security; requests go through the client
 * area: docs/product-rules.md#chat-terminations). Pure data: the renderer
 * picks the ticket's language and may edit the text before sending.
 */
import type { CannedReply } from './ipc.js';

/** Answers a chat termination with the proper channel (docs/product-rules.md#chat-terminations). */
export const TERMINATION_VIA_CHAT_REPLY_ID = 'termination-via-chat';

/** Callbacks (src/shared/callbacks): why a customer cannot be called back, and the written answer after unanswered calls. */
export const CALLBACK_PRIORITY_SUPPORT_REPLY_ID = 'callback-priority-support';
export const CALLBACK_ENTITLEMENT_ENDED_REPLY_ID = 'callback-entitlement-ended';
export const CALLBACK_NO_PHONE_REPLY_ID = 'callback-no-phone';
export const CALLBACK_MALFORMED_PHONE_REPLY_ID = 'callback-malformed-phone';
export const CALLBACK_NO_ANSWER_REPLY_ID = 'callback-no-answer';

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
  [CALLBACK_PRIORITY_SUPPORT_REPLY_ID]: {
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
  [CALLBACK_ENTITLEMENT_ENDED_REPLY_ID]: {
    fr: {
      title: 'Rappel : Priority Support échu',
      body: 'Bonjour,\n\nVotre service Priority Support est arrivé à échéance : le rappel par un expert de deuxième niveau n’est donc plus possible. Vous pouvez le renouveler dans votre espace client ; en attendant, nous traitons votre demande par écrit via ce ticket.\n\nMeilleures salutations',
    },
    de: {
      title: 'Rückruf: Priority Support abgelaufen',
      body: 'Guten Tag\n\nIhr Service Priority Support ist abgelaufen, deshalb ist ein Rückruf durch unsere Second-Level-Experten nicht mehr möglich. Sie können ihn im Kundenbereich verlängern; bis dahin bearbeiten wir Ihre Anfrage schriftlich über dieses Ticket.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiamata: Priority Support scaduto',
      body: 'Buongiorno,\n\nIl suo servizio Priority Support è scaduto: la richiamata da parte di un esperto di secondo livello non è quindi più possibile. Può rinnovarlo nella sua area clienti; nel frattempo trattiamo la sua richiesta per iscritto tramite questo ticket.\n\nCordiali saluti',
    },
    en: {
      title: 'Callback: Priority Support expired',
      body: 'Hello,\n\nYour Priority Support service has expired, so a callback from a level-two expert is no longer possible. You can renew it in your client area; meanwhile we will handle your request in writing through this ticket.\n\nKind regards',
    },
  },
  [CALLBACK_NO_PHONE_REPLY_ID]: {
    fr: {
      title: 'Rappel : numéro manquant',
      body: 'Bonjour,\n\nVous souhaitez être rappelé, mais votre demande ne contient pas de numéro de téléphone. Merci de nous indiquer en réponse à ce ticket le numéro auquel nous pouvons vous joindre (lundi–vendredi, 8 h–12 h et 13 h–17 h).\n\nMeilleures salutations',
    },
    de: {
      title: 'Rückruf: Telefonnummer fehlt',
      body: 'Guten Tag\n\nSie wünschen einen Rückruf, aber Ihre Anfrage enthält keine Telefonnummer. Bitte teilen Sie uns in einer Antwort auf dieses Ticket mit, unter welcher Nummer wir Sie erreichen (Montag–Freitag, 8–12 Uhr und 13–17 Uhr).\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiamata: numero mancante',
      body: 'Buongiorno,\n\nDesidera essere richiamato, ma la sua richiesta non contiene un numero di telefono. La preghiamo di indicarci, rispondendo a questo ticket, il numero al quale possiamo raggiungerla (lunedì–venerdì, 8–12 e 13–17).\n\nCordiali saluti',
    },
    en: {
      title: 'Callback: phone number missing',
      body: 'Hello,\n\nYou asked to be called back, but your request contains no phone number. Please reply to this ticket with the number we can reach you on (Monday to Friday, 8:00–12:00 and 13:00–17:00, Swiss time).\n\nKind regards',
    },
  },
  [CALLBACK_MALFORMED_PHONE_REPLY_ID]: {
    fr: {
      title: 'Rappel : numéro invalide',
      body: 'Bonjour,\n\nLe numéro de téléphone indiqué pour le rappel ne semble pas valable. Merci de nous le confirmer en réponse à ce ticket, avec l’indicatif du pays s’il ne s’agit pas d’un numéro suisse (par ex. +33 …).\n\nMeilleures salutations',
    },
    de: {
      title: 'Rückruf: Nummer ungültig',
      body: 'Guten Tag\n\nDie für den Rückruf angegebene Telefonnummer scheint nicht gültig zu sein. Bitte bestätigen Sie sie in einer Antwort auf dieses Ticket, mit Landesvorwahl, falls es keine Schweizer Nummer ist (z. B. +49 …).\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiamata: numero non valido',
      body: 'Buongiorno,\n\nIl numero di telefono indicato per la richiamata non sembra valido. La preghiamo di confermarcelo rispondendo a questo ticket, con il prefisso internazionale se non si tratta di un numero svizzero (ad es. +39 …).\n\nCordiali saluti',
    },
    en: {
      title: 'Callback: invalid number',
      body: 'Hello,\n\nThe phone number you left for the callback does not seem valid. Please confirm it by replying to this ticket, with the country code if it is not a Swiss number (e.g. +44 …).\n\nKind regards',
    },
  },
  [CALLBACK_NO_ANSWER_REPLY_ID]: {
    fr: {
      title: 'Rappel : nous n’avons pas pu vous joindre',
      body: 'Bonjour,\n\nNous avons essayé de vous rappeler à plusieurs reprises, sans succès. Nous poursuivons donc par écrit : vous trouverez notre réponse dans ce ticket. Répondez-y si vous souhaitez un nouveau rappel, en nous indiquant un moment qui vous convient.\n\nMeilleures salutations',
    },
    de: {
      title: 'Rückruf: Sie waren nicht erreichbar',
      body: 'Guten Tag\n\nWir haben mehrmals versucht, Sie zurückzurufen, leider ohne Erfolg. Wir fahren deshalb schriftlich fort: Unsere Antwort finden Sie in diesem Ticket. Antworten Sie darauf, wenn Sie einen neuen Rückruf wünschen, und nennen Sie uns einen passenden Zeitpunkt.\n\nFreundliche Grüsse',
    },
    it: {
      title: 'Richiamata: non siamo riusciti a raggiungerla',
      body: 'Buongiorno,\n\nAbbiamo provato più volte a richiamarla, senza successo. Proseguiamo quindi per iscritto: trova la nostra risposta in questo ticket. Risponda se desidera una nuova richiamata, indicandoci un momento adatto.\n\nCordiali saluti',
    },
    en: {
      title: 'Callback: we could not reach you',
      body: 'Hello,\n\nWe tried to call you back several times, without success, so we are continuing in writing: you will find our answer in this ticket. Reply to it if you would like another callback, and tell us a time that suits you.\n\nKind regards',
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

/** One reply in one language, or undefined for an unknown id. */
export function cannedReply(id: string, language: CannedReply['language']): CannedReply | undefined {
  return CANNED_REPLIES.find((r) => r.id === `${id}.${language}`);
}
