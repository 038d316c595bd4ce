/** Italian ticket texts (Ticino). Variables: see VARS in texts.ts. */
import type { LanguageTexts } from './texts.js';

export const IT: LanguageTexts = {
  categories: {
    domains: {
      subjects: [
        'Il dominio {domain} non risponde',
        'Trasferimento di {domain} bloccato',
        'Modificare i DNS di {domain}',
      ],
      bodies: [
        'Da ieri sera il dominio {domain} non è più raggiungibile. Il browser mostra «{error}». Non abbiamo modificato la zona DNS.',
        'Vorrei trasferire {domain} da voi, ma il trasferimento viene rifiutato con «{error}». Il codice di autorizzazione è quello del vecchio registrar.',
        'Vorremmo puntare {domain} su un altro server. Dove posso modificare il record A e il MX? Numero cliente {customer}.',
      ],
      chat: ['Buongiorno, come rinnovo il dominio {domain}?'],
    },
    hosting: {
      subjects: ['Sito {domain} non funziona: {error}', 'Errore sul sito {cms}', 'Hosting {product} molto lento'],
      bodies: [
        'Da stamattina il nostro sito {domain} mostra «{error}». Usiamo {cms} e non abbiamo fatto aggiornamenti. Potete controllare il server?',
        "Dopo l'aggiornamento di {cms}, la pagina iniziale di {domain} restituisce «{error}». Esiste un backup della settimana scorsa?",
        'Da qualche giorno {domain} impiega più di dieci secondi a caricarsi. Abbiamo {product}. È un problema del server o dobbiamo cambiare offerta?',
      ],
      chat: ['Buongiorno, dove trovo i dati FTP per {domain}?'],
    },
    email: {
      subjects: ['Non ricevo più e-mail su {mailbox}', 'Errore «{error}» in invio', 'Casella {mailbox} piena?'],
      bodies: [
        'Da lunedì la casella {mailbox} non riceve più messaggi. I mittenti ricevono «{error}». Potete verificare?',
        'Quando invio da {mailbox} con Outlook compare «{error}». La password è giusta, nel webmail riesco ad accedere.',
        "I clienti ci dicono che le e-mail a {mailbox} tornano indietro con «{error}». È l'indirizzo per gli ordini, è urgente.",
      ],
      chat: ['Buongiorno, quali sono i parametri IMAP per {mailbox}?'],
    },
    ssl: {
      subjects: [
        'Certificato SSL scaduto su {domain}',
        'Avviso di sicurezza su {domain}',
        'Attivare HTTPS per {domain}',
      ],
      bodies: [
        'I visitatori di {domain} vedono l’avviso «{error}». Il certificato doveva rinnovarsi automaticamente.',
        'Dopo il cambio di server il browser mostra «{error}» su {domain}. Bisogna emettere di nuovo il certificato?',
        'Vorrei attivare il certificato gratuito per {domain} e il reindirizzamento su https, ma l’opzione è disattivata.',
      ],
      chat: ['Buongiorno, il certificato SSL è incluso in {product}?'],
    },
    billing: {
      subjects: [
        'Domanda sulla fattura {invoice}',
        'Fattura {invoice} pagata due volte',
        'Cambiare metodo di pagamento',
      ],
      bodies: [
        "Non capisco l'importo della fattura {invoice} ({amount}). Pensavo di aver disdetto {product} l'anno scorso.",
        'La fattura {invoice} di {amount} è stata addebitata due volte. Vi prego di rimborsare il doppio. Numero cliente {customer}.',
        'Vorremmo ricevere le fatture per e-mail e pagare con LSV invece della QR-fattura. Numero cliente {customer}.',
      ],
      chat: ['Buongiorno, potete rimandarmi la fattura {invoice}?'],
    },
    'account-access': {
      subjects: ["Non riesco ad accedere all'area clienti", 'Codice 2FA perso', 'Password dimenticata ({customer})'],
      bodies: [
        "Non riesco più ad accedere all'area clienti, compare «{error}». La procedura di reimpostazione non mi invia nessuna e-mail.",
        "Ho cambiato telefono e non ho più l'app per l'autenticazione a due fattori. Come recupero l'accesso al conto {customer}?",
        "Un ex collaboratore gestiva il conto {customer} e l'indirizzo registrato non esiste più. Come cambiamo l'indirizzo di contatto?",
      ],
      chat: ["Buongiorno, non ho ricevuto l'e-mail per reimpostare la password."],
    },
    termination: {
      subjects: ['Disdetta di {product}', 'Disdetta del dominio {domain}', 'Fine contratto al 31.12.'],
      bodies: [
        "Con la presente disdico l'abbonamento {product} per il dominio {domain} alla prossima scadenza. Vi prego di confermare la disdetta.",
        'Chiudiamo la nostra attività e vorremmo disdire tutti i servizi del conto {customer}, compreso il dominio {domain}.',
        "Vorrei disdire l'hosting ma tenere il dominio {domain} e la casella {mailbox}. È possibile?",
      ],
      chat: ['Buongiorno, vorrei disdire il mio abbonamento.'],
    },
    'website-builder': {
      subjects: ['Il creatore di siti non pubblica', 'Immagini mancanti su {domain}', 'Domanda sul creatore di siti'],
      bodies: [
        'Quando clicco su Pubblica compare «{error}». Le modifiche non appaiono su {domain}.',
        "Da ieri le immagini della galleria non si vedono più su {domain}. Nell'editor è tutto normale.",
        'Posso aggiungere un modulo di prenotazione su {domain} con il creatore di siti o devo passare a {cms}?',
      ],
      chat: ['Buongiorno, come cambio il carattere nel creatore di siti?'],
    },
    other: {
      subjects: ['Domanda generale', 'Informazioni su {product}', 'Attestazione per la nostra fiduciaria'],
      bodies: [
        'Vorremmo sapere se {product} è adatto a un negozio online con circa 200 prodotti.',
        'Potete inviarmi un’attestazione dei servizi attivi del conto {customer} per la nostra fiduciaria?',
        'Dove si trovano fisicamente i vostri server? I nostri dati devono restare in Svizzera.',
      ],
      chat: ['Buongiorno, avete un numero di telefono per il supporto?'],
    },
  },
  greetings: ['Buongiorno,', 'Gentili signore e signori,', 'Salve,'],
  closings: [
    'Grazie in anticipo.\n{first} {last}',
    'Cordiali saluti\n{first} {last}',
    'Distinti saluti\n{first} {last}',
  ],
  phoneIntro: ['Chiamata di {first} {last} ({customer}): ', 'Nota telefonica – il cliente spiega: '],
  chatTermination: [
    'Buongiorno, voglio disdire il contratto per {domain}, si può fare qui in chat?',
    'Vi prego di disdire {product} subito e di confermarmelo qui in chat.',
  ],
  duplicateSubject: ['Sollecito: {subject}', '{subject}', 'URGENTE: {subject}'],
  duplicateIntro: [
    'Rimando la mia richiesta, non ho ricevuto conferma.',
    'Sempre lo stesso problema, vedi la mia richiesta di prima.',
  ],
  replies: [
    'Buongiorno {first},\n\ngrazie per il messaggio. Abbiamo controllato {domain} e corretto la configurazione. Può confermarci che tutto funziona?\n\nCordiali saluti\n{agent}',
    'Buongiorno {first},\n\npotrebbe inviarci uno screenshot del messaggio di errore?\n\nCordiali saluti\n{agent}',
  ],
  customerFollowUps: [
    'Grazie, ora funziona di nuovo.',
    'Ecco lo screenshot richiesto.',
    'Il problema si è ripresentato stamattina.',
  ],
  notes: ['Cliente richiamato, problema riprodotto su {domain}.', 'Controllati i log del server, niente di anomalo.'],
};
