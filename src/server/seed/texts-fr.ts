/** French ticket texts (Suisse romande). Variables: see VARS in texts.ts. */
import type { LanguageTexts } from './texts.js';

export const FR: LanguageTexts = {
  categories: {
    domains: {
      subjects: [
        'Le domaine {domain} ne répond plus',
        'Transfert du domaine {domain} bloqué',
        'Modifier les serveurs DNS de {domain}',
      ],
      bodies: [
        "Depuis hier soir, le domaine {domain} n'est plus joignable. Le navigateur affiche « {error} ». Je n'ai rien modifié dans la zone DNS.",
        "J'essaie de transférer {domain} chez vous, mais le transfert est refusé avec le message « {error} ». Le code d'autorisation vient pourtant de l'ancien registraire.",
        "Je souhaite faire pointer {domain} vers un autre serveur. Où puis-je modifier l'enregistrement A et le MX dans l'espace client ? Mon numéro client est {customer}.",
      ],
      chat: [
        'Bonjour, comment renouveler le domaine {domain} ?',
        'Mon domaine {domain} expire bientôt, est-ce automatique ?',
      ],
    },
    hosting: {
      subjects: ['Site {domain} en panne : {error}', 'Erreur sur mon site {cms}', 'Hébergement {product} très lent'],
      bodies: [
        "Notre site {domain} affiche depuis ce matin « {error} ». Nous utilisons {cms} et n'avons fait aucune mise à jour. Pouvez-vous vérifier le serveur ?",
        "Après la mise à jour de {cms}, la page d'accueil de {domain} renvoie « {error} ». Les sauvegardes de la semaine passée sont-elles disponibles ?",
        "Depuis quelques jours, {domain} met plus de dix secondes à charger. Notre offre est {product}. Y a-t-il un problème sur le serveur ou faut-il changer d'offre ?",
      ],
      chat: ['Bonjour, où trouver les accès FTP pour {domain} ?', 'Quelle version de PHP tourne sur mon hébergement ?'],
    },
    email: {
      subjects: [
        'Je ne reçois plus de mails sur {mailbox}',
        'Erreur « {error} » en envoyant un e-mail',
        'Boîte {mailbox} pleine ?',
      ],
      bodies: [
        'Depuis lundi, la boîte {mailbox} ne reçoit plus aucun message. Les expéditeurs reçoivent en retour « {error} ». Pouvez-vous regarder ce qui se passe ?',
        "Quand j'envoie un message depuis {mailbox} avec Outlook, j'obtiens l'erreur « {error} ». Le mot de passe est correct, je peux me connecter au webmail.",
        "Nos clients nous disent que leurs mails vers {mailbox} reviennent avec « {error} ». C'est urgent, c'est notre adresse de commande.",
      ],
      chat: [
        'Bonjour, quels sont les paramètres IMAP pour {mailbox} ?',
        'Comment créer une redirection pour {mailbox} ?',
      ],
    },
    ssl: {
      subjects: [
        'Certificat SSL expiré sur {domain}',
        'Avertissement de sécurité sur {domain}',
        'Activer HTTPS pour {domain}',
      ],
      bodies: [
        'Les visiteurs de {domain} voient un avertissement « {error} ». Le certificat devait se renouveler automatiquement.',
        'Depuis le changement de serveur, le navigateur affiche « {error} » sur {domain}. Faut-il réémettre le certificat ?',
        "J'aimerais activer le certificat gratuit pour {domain} et la redirection vers https. L'option est grisée dans mon espace client.",
      ],
      chat: ['Bonjour, le certificat SSL est-il inclus dans {product} ?'],
    },
    billing: {
      subjects: [
        'Question sur la facture {invoice}',
        'Facture {invoice} payée deux fois',
        'Changer le mode de paiement',
      ],
      bodies: [
        "Je ne comprends pas le montant de la facture {invoice} ({amount}). Je pensais avoir résilié {product} l'an passé.",
        'La facture {invoice} de {amount} a été débitée deux fois de notre compte. Merci de rembourser le doublon. Numéro client {customer}.',
        'Nous aimerions recevoir nos factures par e-mail et payer par LSV au lieu du bulletin QR. Numéro client {customer}.',
      ],
      chat: [
        'Bonjour, pouvez-vous me renvoyer la facture {invoice} ?',
        'Jusqu’à quand dois-je payer la facture {invoice} ?',
      ],
    },
    'account-access': {
      subjects: [
        "Impossible de me connecter à l'espace client",
        'Code 2FA perdu',
        'Mot de passe oublié pour {customer}',
      ],
      bodies: [
        "Je n'arrive plus à me connecter à l'espace client, j'obtiens « {error} ». La procédure de réinitialisation ne m'envoie aucun e-mail.",
        "J'ai changé de téléphone et je n'ai plus l'application pour le code à deux facteurs. Comment récupérer l'accès au compte {customer} ?",
        "Notre ancien collaborateur gérait le compte {customer} et l'adresse enregistrée n'existe plus. Comment changer l'adresse de contact ?",
      ],
      chat: ["Bonjour, je n'ai pas reçu l'e-mail de réinitialisation du mot de passe."],
    },
    termination: {
      subjects: ['Résiliation de {product}', 'Résiliation du domaine {domain}', 'Fin de contrat au 31.12.'],
      bodies: [
        "Par la présente, je résilie l'abonnement {product} lié au domaine {domain} pour la prochaine échéance. Merci de me confirmer la résiliation.",
        'Nous fermons notre commerce et souhaitons résilier tous les services du compte {customer}, y compris le domaine {domain}.',
        "Je souhaite résilier l'hébergement mais garder le domaine {domain} et la boîte {mailbox}. Est-ce possible ?",
      ],
      chat: ['Bonjour, je voudrais résilier mon abonnement.'],
    },
    'website-builder': {
      subjects: [
        'Le créateur de site ne publie plus',
        'Images manquantes sur {domain}',
        'Question sur le créateur de site',
      ],
      bodies: [
        "Quand je clique sur Publier, j'obtiens « {error} ». Les modifications n'apparaissent pas sur {domain}.",
        "Depuis hier, les images de la galerie ne s'affichent plus sur {domain}. Dans l'éditeur tout est normal.",
        'Peut-on ajouter un formulaire de réservation sur {domain} avec le créateur de site, ou faut-il passer à {cms} ?',
      ],
      chat: ['Bonjour, comment changer la police dans le créateur de site ?'],
    },
    other: {
      subjects: ['Question générale', 'Demande de renseignements sur {product}', 'Attestation pour notre fiduciaire'],
      bodies: [
        "Nous aimerions savoir si {product} convient pour une boutique en ligne d'environ 200 produits.",
        "Pouvez-vous m'envoyer une attestation des services actifs du compte {customer} pour notre fiduciaire ?",
        'Où se trouvent physiquement vos serveurs ? Nos données doivent rester en Suisse.',
      ],
      chat: ['Bonjour, avez-vous un numéro de téléphone pour le support ?'],
    },
  },
  greetings: ['Bonjour,', 'Madame, Monsieur,', 'Bonjour à toute l’équipe,', 'Bonjour,'],
  closings: [
    'Merci d’avance.\n{first} {last}',
    'Meilleures salutations\n{first} {last}',
    'Cordialement,\n{first} {last}',
  ],
  phoneIntro: ['Appel de {first} {last} ({customer}) : ', 'Note d’appel – le client explique : '],
  chatTermination: [
    'Bonjour, je veux résilier mon contrat pour {domain}, vous pouvez le faire ici dans le chat ?',
    'Je souhaite résilier {product} tout de suite. Confirmez-moi la résiliation par chat svp.',
    'Bonsoir, comment je résilie mon hébergement ? Je préfère le faire ici.',
  ],
  duplicateSubject: ['Relance : {subject}', '{subject}', 'URGENT – {subject}'],
  duplicateIntro: [
    'Je renvoie ma demande, je n’ai pas eu de confirmation.',
    'Toujours le même problème, voir ma demande de tout à l’heure.',
    'Désolé, je n’étais pas sûr que ma demande soit partie.',
  ],
  replies: [
    'Bonjour {first},\n\nMerci pour votre message. Nous avons vérifié {domain} et corrigé la configuration. Pouvez-vous confirmer que tout fonctionne ?\n\nMeilleures salutations\n{agent}',
    'Bonjour {first},\n\nPour avancer, pourriez-vous nous envoyer une capture d’écran du message d’erreur ?\n\nCordialement\n{agent}',
    'Bonjour {first},\n\nLe problème venait d’un quota atteint. Nous l’avons augmenté temporairement.\n\nMeilleures salutations\n{agent}',
  ],
  customerFollowUps: [
    'Merci, cela fonctionne à nouveau.',
    'Voici la capture demandée.',
    'Le problème est revenu ce matin.',
  ],
  notes: [
    'Client appelé, problème reproduit sur {domain}.',
    'Vérifié les logs du serveur, rien d’anormal.',
    'Attendre la réponse du client avant de clôturer.',
  ],
};
