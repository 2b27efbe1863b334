/** Strings of the "channels" namespace: the organisation's own channel accounts (WhatsApp number). */
export const channelsFr = {
  whatsapp: {
    title: 'Numéro WhatsApp de l’agence',
    hint: 'Les identifiants de votre numéro WhatsApp Business (Cloud API). Les secrets ne sont jamais réaffichés : laissez un champ vide pour garder la valeur enregistrée.',
    configured: 'Configuré',
    notConfigured: 'Non configuré',
    phoneNumberId: 'Identifiant du numéro (phone number id)',
    appSecret: 'Secret de l’application (signature des webhooks)',
    accessToken: 'Jeton d’accès (envoi)',
    verifyToken: 'Jeton de vérification du webhook',
    isSet: 'Enregistré — laisser vide pour le garder',
    notSet: 'Non renseigné',
    webhook: 'Adresse du webhook à déclarer chez Meta : {{url}}',
    save: 'Enregistrer',
    saved: 'Numéro WhatsApp enregistré',
    failed: 'Configuration refusée',
    phoneInUse: 'Ce numéro appartient à une autre organisation',
    digits: 'Chiffres uniquement (5 à 32)',
    required: 'Champ obligatoire',
  },
};

export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const channelsEn: Shape<typeof channelsFr> = {
  whatsapp: {
    title: 'Agency WhatsApp number',
    hint: 'The credentials of your WhatsApp Business number (Cloud API). Secrets are never shown again: leave a field empty to keep the stored value.',
    configured: 'Configured',
    notConfigured: 'Not configured',
    phoneNumberId: 'Phone number id',
    appSecret: 'App secret (webhook signatures)',
    accessToken: 'Access token (sending)',
    verifyToken: 'Webhook verify token',
    isSet: 'Stored — leave empty to keep it',
    notSet: 'Not set',
    webhook: 'Webhook URL to declare at Meta: {{url}}',
    save: 'Save',
    saved: 'WhatsApp number saved',
    failed: 'Configuration refused',
    phoneInUse: 'This number belongs to another organisation',
    digits: 'Digits only (5 to 32)',
    required: 'Required',
  },
};
