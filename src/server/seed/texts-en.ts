/** English ticket texts (expats and international companies). Variables: see VARS in texts.ts. */
import type { LanguageTexts } from './texts.js';

export const EN: LanguageTexts = {
  categories: {
    domains: {
      subjects: ['Domain {domain} not resolving', 'Transfer of {domain} stuck', 'Change DNS records for {domain}'],
      bodies: [
        'Since last night {domain} cannot be reached. The browser says "{error}". We did not touch the DNS zone.',
        'I am transferring {domain} to you but the transfer is refused with "{error}". The auth code comes from the previous registrar.',
        'We want {domain} to point to another server. Where can I edit the A and MX records? Customer number {customer}.',
      ],
      chat: ['Hi, how do I renew the domain {domain}?'],
    },
    hosting: {
      subjects: ['Website {domain} down: {error}', 'Error on our {cms} site', '{product} hosting very slow'],
      bodies: [
        'Since this morning our site {domain} shows "{error}". We run {cms} and did not update anything. Could you check the server?',
        'After updating {cms}, the home page of {domain} returns "{error}". Is there a backup from last week?',
        'For a few days {domain} has taken more than ten seconds to load. We are on {product}. Is it the server or do we need another plan?',
      ],
      chat: ['Hi, where do I find the FTP credentials for {domain}?'],
    },
    email: {
      subjects: ['No more e-mail arriving at {mailbox}', 'Error "{error}" when sending', 'Mailbox {mailbox} full?'],
      bodies: [
        'Since Monday {mailbox} has not received any mail. Senders get "{error}" back. Could you have a look?',
        'Sending from {mailbox} in Outlook fails with "{error}". The password is right, webmail works.',
        'Customers tell us their mail to {mailbox} bounces with "{error}". It is our order address, so this is urgent.',
      ],
      chat: ['Hi, what are the IMAP settings for {mailbox}?'],
    },
    ssl: {
      subjects: ['SSL certificate expired on {domain}', 'Security warning on {domain}', 'Enable HTTPS for {domain}'],
      bodies: [
        'Visitors of {domain} get the warning "{error}". The certificate was supposed to renew automatically.',
        'Since the server move the browser shows "{error}" on {domain}. Does the certificate need to be reissued?',
        'I would like to enable the free certificate for {domain} and redirect to https, but the option is greyed out.',
      ],
      chat: ['Hi, is an SSL certificate included in {product}?'],
    },
    billing: {
      subjects: ['Question about invoice {invoice}', 'Invoice {invoice} paid twice', 'Change payment method'],
      bodies: [
        'I do not understand the amount of invoice {invoice} ({amount}). I thought I cancelled {product} last year.',
        'Invoice {invoice} for {amount} was debited twice from our account. Please refund the duplicate. Customer number {customer}.',
        'We would like to receive invoices by e-mail and pay by direct debit instead of QR-bill. Customer number {customer}.',
      ],
      chat: ['Hi, could you resend invoice {invoice}?'],
    },
    'account-access': {
      subjects: ['Cannot log in to the client area', 'Lost my 2FA device', 'Forgot password ({customer})'],
      bodies: [
        'I cannot log in to the client area any more, it says "{error}". The password reset does not send me any e-mail.',
        'I got a new phone and no longer have the two-factor app. How do I get back into account {customer}?',
        'A former employee managed account {customer} and the registered address no longer exists. How do we change the contact address?',
      ],
      chat: ['Hi, I did not receive the password reset e-mail.'],
    },
    termination: {
      subjects: ['Cancellation of {product}', 'Cancel domain {domain}', 'End of contract on 31.12.'],
      bodies: [
        'I hereby cancel the {product} subscription for {domain} at the next possible date. Please confirm the cancellation.',
        'We are closing our business and want to cancel all services of account {customer}, including the domain {domain}.',
        'I want to cancel the hosting but keep the domain {domain} and the mailbox {mailbox}. Is that possible?',
      ],
      chat: ['Hi, I would like to cancel my subscription.'],
    },
    'website-builder': {
      subjects: [
        'Website builder does not publish',
        'Images missing on {domain}',
        'Question about the website builder',
      ],
      bodies: [
        'When I click Publish I get "{error}". The changes do not show on {domain}.',
        'Since yesterday the gallery images no longer show on {domain}. In the editor everything looks fine.',
        'Can I add a booking form to {domain} with the website builder, or do we have to move to {cms}?',
      ],
      chat: ['Hi, how do I change the font in the website builder?'],
    },
    other: {
      subjects: ['General question', 'Enquiry about {product}', 'Confirmation for our accountant'],
      bodies: [
        'We would like to know whether {product} is enough for an online shop with about 200 products.',
        'Could you send me a confirmation of the active services of account {customer} for our accountant?',
        'Where are your servers located? Our data must stay in Switzerland.',
      ],
      chat: ['Hi, do you have a phone number for support?'],
    },
  },
  greetings: ['Hello,', 'Dear support team,', 'Hi,'],
  closings: ['Thanks in advance,\n{first} {last}', 'Kind regards\n{first} {last}', 'Best,\n{first} {last}'],
  phoneIntro: ['Call from {first} {last} ({customer}): ', 'Phone note – customer explains: '],
  chatTermination: [
    'Hi, I want to cancel my contract for {domain}, can you do that here in the chat?',
    'Please cancel {product} right away and confirm it here in the chat.',
  ],
  duplicateSubject: ['Follow-up: {subject}', '{subject}', 'URGENT: {subject}'],
  duplicateIntro: [
    'Sending this again, I did not get a confirmation.',
    'Still the same problem, see my request from earlier.',
  ],
  replies: [
    'Hello {first},\n\nThank you for your message. We checked {domain} and fixed the configuration. Could you confirm everything works?\n\nKind regards\n{agent}',
    'Hello {first},\n\nCould you send us a screenshot of the error message?\n\nKind regards\n{agent}',
  ],
  customerFollowUps: [
    'Thanks, it works again.',
    'Here is the screenshot you asked for.',
    'The problem came back this morning.',
  ],
  notes: ['Called the customer back, reproduced the problem on {domain}.', 'Checked the server logs, nothing unusual.'],
};
