import { problemCodesEn, problemCodesFr } from './problem-codes.js';

/**
 * The "problems" namespace: the API's refusals (problem+json `code` + `params`) phrased per code, with a
 * generic sentence per HTTP status for codes not listed; and the labels of role and permission codes.
 */
export const problemsFr = {
  generic: 'La demande a été refusée.',
  fieldRefused: 'Valeur refusée',
  or: ' ou ',
  status: {
    400: 'La demande est invalide.',
    401: 'Votre session a expiré : reconnectez-vous.',
    403: 'Vous n’avez pas le droit de faire cette action.',
    404: 'Élément introuvable.',
    409: 'Conflit : l’élément a changé ou existe déjà. Rechargez et réessayez.',
    413: 'Fichier trop volumineux.',
    415: 'Type de fichier non accepté.',
    422: 'Action impossible dans l’état actuel.',
    429: 'Trop de demandes : réessayez dans un instant.',
    500: 'Erreur du serveur : réessayez ou contactez le support.',
    503: 'Service momentanément indisponible : réessayez dans quelques secondes.',
  },
  code: problemCodesFr,
  role: {
    ADMIN: 'Administrateur',
    MANAGER: 'Responsable',
    AGENT: 'Agent',
    READONLY: 'Lecture seule',
    COOP_MEMBER: 'Membre de coopérative',
  },
  permission: {
    CRM_CONTACTS_VIEW: 'Voir les contacts',
    CRM_CONTACTS_CREATE: 'Créer des contacts',
    CRM_CONTACTS_EDIT: 'Modifier les contacts',
    CRM_CONTACTS_ARCHIVE: 'Archiver les contacts',
    CRM_CONTACTS_DELETE: 'Supprimer les contacts',
    CRM_ACCOUNTS_DELETE: 'Supprimer les comptes',
    CRM_DEALS_VIEW: 'Voir les dossiers',
    CRM_DEALS_CREATE: 'Créer des dossiers',
    CRM_DEALS_EDIT: 'Modifier les dossiers',
    CRM_DEALS_STAGE_CHANGE: 'Changer le statut des dossiers',
    CRM_DEALS_DELETE: 'Supprimer les dossiers',
    CRM_ACTIVITIES_VIEW: 'Voir les activités',
    CRM_ACTIVITIES_CREATE: 'Saisir des activités',
    CRM_APPOINTMENTS_VIEW: 'Voir l’agenda',
    CRM_APPOINTMENTS_CREATE: 'Planifier des rendez-vous',
    CRM_APPOINTMENTS_EDIT: 'Modifier les rendez-vous',
    CRM_MATCHING_RUN: 'Lancer le rapprochement',
    CRM_MATCHING_VIEW: 'Voir le rapprochement',
    CRM_ANNONCES_VIEW: 'Voir les annonces',
    CRM_ANNONCES_EDIT: 'Modifier les annonces',
    WORKFLOW_ADMIN: 'Administrer les pipelines',
    DICTIONARY_ADMIN: 'Administrer les dictionnaires',
    AUDIT_VIEW: 'Voir le journal d’audit',
    AUDIT_EXPORT: 'Exporter le journal d’audit',
    EXPORT: 'Exporter les données',
    USER_ADMIN: 'Administrer les utilisateurs',
    COOP_ADMIN: 'Administrer les coopératives',
    COOP_MEMBER: 'Espace membre de coopérative',
    OPS_WORKFLOWS_VIEW: 'Voir les workflows dans Temporal (exploitation)',
  },
};

export type Shape = {
  generic: string;
  fieldRefused: string;
  or: string;
  status: Record<keyof typeof problemsFr.status, string>;
  code: typeof problemCodesEn;
  role: Record<keyof typeof problemsFr.role, string>;
  permission: Record<keyof typeof problemsFr.permission, string>;
};

export const problemsEn: Shape = {
  generic: 'The request was refused.',
  fieldRefused: 'Value refused',
  or: ' or ',
  status: {
    400: 'The request is not valid.',
    401: 'Your session expired: sign in again.',
    403: 'You are not allowed to do this.',
    404: 'Not found.',
    409: 'Conflict: the record changed or already exists. Reload and try again.',
    413: 'File too large.',
    415: 'File type not accepted.',
    422: 'This cannot be done in the current state.',
    429: 'Too many requests: try again in a moment.',
    500: 'Server error: try again or contact support.',
    503: 'Service temporarily unavailable: try again in a few seconds.',
  },
  code: problemCodesEn,
  role: {
    ADMIN: 'Administrator',
    MANAGER: 'Manager',
    AGENT: 'Agent',
    READONLY: 'Read only',
    COOP_MEMBER: 'Cooperative member',
  },
  permission: {
    CRM_CONTACTS_VIEW: 'View contacts',
    CRM_CONTACTS_CREATE: 'Create contacts',
    CRM_CONTACTS_EDIT: 'Edit contacts',
    CRM_CONTACTS_ARCHIVE: 'Archive contacts',
    CRM_CONTACTS_DELETE: 'Delete contacts',
    CRM_ACCOUNTS_DELETE: 'Delete accounts',
    CRM_DEALS_VIEW: 'View dossiers',
    CRM_DEALS_CREATE: 'Create dossiers',
    CRM_DEALS_EDIT: 'Edit dossiers',
    CRM_DEALS_STAGE_CHANGE: 'Change dossier status',
    CRM_DEALS_DELETE: 'Delete dossiers',
    CRM_ACTIVITIES_VIEW: 'View activities',
    CRM_ACTIVITIES_CREATE: 'Log activities',
    CRM_APPOINTMENTS_VIEW: 'View the calendar',
    CRM_APPOINTMENTS_CREATE: 'Book appointments',
    CRM_APPOINTMENTS_EDIT: 'Edit appointments',
    CRM_MATCHING_RUN: 'Run property matching',
    CRM_MATCHING_VIEW: 'View property matching',
    CRM_ANNONCES_VIEW: 'View listings',
    CRM_ANNONCES_EDIT: 'Edit listings',
    WORKFLOW_ADMIN: 'Manage pipelines',
    DICTIONARY_ADMIN: 'Manage dictionaries',
    AUDIT_VIEW: 'View the audit log',
    AUDIT_EXPORT: 'Export the audit log',
    EXPORT: 'Export data',
    USER_ADMIN: 'Manage users',
    COOP_ADMIN: 'Manage cooperatives',
    COOP_MEMBER: 'Cooperative member area',
    OPS_WORKFLOWS_VIEW: 'View workflows in Temporal (operations)',
  },
};
