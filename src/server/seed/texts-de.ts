/** German ticket texts (Deutschschweiz: "ss", never "ß"). Variables: see VARS in texts.ts. */
import type { LanguageTexts } from './texts.js';

export const DE: LanguageTexts = {
  categories: {
    domains: {
      subjects: ['Domain {domain} nicht erreichbar', 'Transfer von {domain} hängt', 'DNS-Einträge für {domain} ändern'],
      bodies: [
        'Seit gestern Abend ist {domain} nicht mehr erreichbar. Der Browser meldet «{error}». Wir haben an der DNS-Zone nichts geändert.',
        'Ich möchte {domain} zu Ihnen transferieren, der Transfer wird aber mit «{error}» abgelehnt. Den Auth-Code habe ich vom bisherigen Registrar.',
        'Wir möchten {domain} auf einen anderen Server zeigen lassen. Wo kann ich den A- und den MX-Eintrag ändern? Kundennummer {customer}.',
      ],
      chat: ['Hallo, wie verlängere ich die Domain {domain}?', 'Läuft {domain} automatisch weiter?'],
    },
    hosting: {
      subjects: ['Website {domain} down: {error}', 'Fehler auf unserer {cms}-Seite', 'Hosting {product} sehr langsam'],
      bodies: [
        'Unsere Website {domain} zeigt seit heute Morgen «{error}». Wir verwenden {cms} und haben nichts aktualisiert. Können Sie den Server prüfen?',
        'Nach dem Update von {cms} liefert die Startseite von {domain} «{error}». Gibt es noch ein Backup von letzter Woche?',
        'Seit einigen Tagen lädt {domain} über zehn Sekunden. Wir haben {product}. Liegt es am Server oder müssen wir das Abo wechseln?',
      ],
      chat: ['Hallo, wo finde ich die FTP-Zugangsdaten für {domain}?', 'Welche PHP-Version läuft auf meinem Hosting?'],
    },
    email: {
      subjects: ['Keine E-Mails mehr auf {mailbox}', 'Fehler «{error}» beim Senden', 'Postfach {mailbox} voll?'],
      bodies: [
        'Seit Montag kommen auf {mailbox} keine Mails mehr an. Absender erhalten «{error}» zurück. Können Sie das bitte anschauen?',
        'Beim Senden von {mailbox} mit Outlook erscheint «{error}». Das Passwort stimmt, im Webmail kann ich mich anmelden.',
        'Kunden melden uns, dass Mails an {mailbox} mit «{error}» zurückkommen. Das ist unsere Bestelladresse, bitte dringend prüfen.',
      ],
      chat: [
        'Hallo, wie lauten die IMAP-Einstellungen für {mailbox}?',
        'Wie richte ich eine Weiterleitung für {mailbox} ein?',
      ],
    },
    ssl: {
      subjects: [
        'SSL-Zertifikat für {domain} abgelaufen',
        'Sicherheitswarnung auf {domain}',
        'HTTPS für {domain} aktivieren',
      ],
      bodies: [
        'Besucher von {domain} sehen die Warnung «{error}». Das Zertifikat hätte sich automatisch verlängern sollen.',
        'Seit dem Serverwechsel zeigt der Browser auf {domain} «{error}». Muss das Zertifikat neu ausgestellt werden?',
        'Ich möchte das kostenlose Zertifikat für {domain} und die Weiterleitung auf https aktivieren. Die Option ist im Kundencenter ausgegraut.',
      ],
      chat: ['Hallo, ist ein SSL-Zertifikat in {product} enthalten?'],
    },
    billing: {
      subjects: ['Frage zur Rechnung {invoice}', 'Rechnung {invoice} doppelt bezahlt', 'Zahlungsart ändern'],
      bodies: [
        'Ich verstehe den Betrag der Rechnung {invoice} ({amount}) nicht. Ich dachte, ich hätte {product} letztes Jahr gekündigt.',
        'Die Rechnung {invoice} über {amount} wurde zweimal von unserem Konto abgebucht. Bitte erstatten Sie den doppelten Betrag. Kundennummer {customer}.',
        'Wir möchten die Rechnungen per E-Mail erhalten und per LSV statt mit QR-Rechnung bezahlen. Kundennummer {customer}.',
      ],
      chat: [
        'Hallo, können Sie mir die Rechnung {invoice} nochmals schicken?',
        'Bis wann muss die Rechnung {invoice} bezahlt sein?',
      ],
    },
    'account-access': {
      subjects: ['Login ins Kundencenter nicht möglich', '2FA-Code verloren', 'Passwort vergessen ({customer})'],
      bodies: [
        'Ich kann mich nicht mehr im Kundencenter anmelden, es erscheint «{error}». Die Passwort-Zurücksetzung schickt mir keine E-Mail.',
        'Ich habe ein neues Handy und die App für die Zwei-Faktor-Anmeldung nicht mehr. Wie komme ich wieder an das Konto {customer}?',
        'Ein ehemaliger Mitarbeiter hat das Konto {customer} verwaltet, die hinterlegte Adresse gibt es nicht mehr. Wie ändern wir die Kontaktadresse?',
      ],
      chat: ['Hallo, ich habe die E-Mail zum Zurücksetzen des Passworts nicht erhalten.'],
    },
    termination: {
      subjects: ['Kündigung {product}', 'Kündigung der Domain {domain}', 'Vertragsende per 31.12.'],
      bodies: [
        'Hiermit kündige ich das Abo {product} für die Domain {domain} auf den nächstmöglichen Termin. Bitte bestätigen Sie die Kündigung.',
        'Wir geben unser Geschäft auf und möchten alle Dienste des Kontos {customer} kündigen, inklusive der Domain {domain}.',
        'Ich möchte das Hosting kündigen, aber die Domain {domain} und das Postfach {mailbox} behalten. Geht das?',
      ],
      chat: ['Hallo, ich möchte mein Abo kündigen.'],
    },
    'website-builder': {
      subjects: ['Baukasten veröffentlicht nicht', 'Bilder fehlen auf {domain}', 'Frage zum Homepage-Baukasten'],
      bodies: [
        'Beim Klick auf Veröffentlichen erscheint «{error}». Die Änderungen sind auf {domain} nicht sichtbar.',
        'Seit gestern werden die Bilder der Galerie auf {domain} nicht mehr angezeigt. Im Editor sieht alles normal aus.',
        'Kann ich mit dem Baukasten ein Reservationsformular auf {domain} einbauen, oder müssen wir auf {cms} wechseln?',
      ],
      chat: ['Hallo, wie ändere ich die Schriftart im Baukasten?'],
    },
    other: {
      subjects: ['Allgemeine Frage', 'Anfrage zu {product}', 'Bestätigung für unseren Treuhänder'],
      bodies: [
        'Wir möchten wissen, ob {product} für einen Onlineshop mit rund 200 Produkten reicht.',
        'Können Sie mir eine Bestätigung der aktiven Dienste des Kontos {customer} für unseren Treuhänder schicken?',
        'Wo stehen Ihre Server? Unsere Daten müssen in der Schweiz bleiben.',
      ],
      chat: ['Hallo, haben Sie eine Telefonnummer für den Support?'],
    },
  },
  greetings: ['Grüezi', 'Guten Tag', 'Sehr geehrte Damen und Herren', 'Hallo zusammen'],
  closings: ['Besten Dank im Voraus\n{first} {last}', 'Freundliche Grüsse\n{first} {last}', 'Gruss\n{first} {last}'],
  phoneIntro: ['Anruf von {first} {last} ({customer}): ', 'Telefonnotiz – Kunde schildert: '],
  chatTermination: [
    'Hallo, ich will meinen Vertrag für {domain} kündigen, geht das hier im Chat?',
    'Bitte kündigen Sie {product} per sofort und bestätigen Sie es mir hier im Chat.',
    'Guten Abend, wie kündige ich mein Hosting? Am liebsten gleich hier.',
  ],
  duplicateSubject: ['Nochmals: {subject}', '{subject}', 'DRINGEND: {subject}'],
  duplicateIntro: [
    'Ich sende meine Anfrage nochmals, ich habe keine Bestätigung erhalten.',
    'Immer noch dasselbe Problem, siehe meine Anfrage von vorhin.',
    'Entschuldigung, ich war nicht sicher, ob die Anfrage angekommen ist.',
  ],
  replies: [
    'Grüezi {first} {last}\n\nBesten Dank für Ihre Nachricht. Wir haben {domain} geprüft und die Konfiguration korrigiert. Können Sie bestätigen, dass alles funktioniert?\n\nFreundliche Grüsse\n{agent}',
    'Grüezi {first} {last}\n\nKönnten Sie uns einen Screenshot der Fehlermeldung schicken?\n\nFreundliche Grüsse\n{agent}',
    'Grüezi {first} {last}\n\nDas Problem lag an einem erreichten Speicherlimit. Wir haben es vorübergehend erhöht.\n\nFreundliche Grüsse\n{agent}',
  ],
  customerFollowUps: [
    'Danke, jetzt funktioniert es wieder.',
    'Anbei der gewünschte Screenshot.',
    'Das Problem ist heute Morgen wieder aufgetreten.',
  ],
  notes: [
    'Kunde zurückgerufen, Problem auf {domain} nachvollzogen.',
    'Server-Logs geprüft, nichts Auffälliges.',
    'Auf Antwort des Kunden warten, dann schliessen.',
  ],
};
