import { passwordFieldErrorsEn, passwordFieldErrorsFr } from './password';

/**
 * The "fieldErrors" namespace: the API's field-level reasons (problem+json `errors[].code`, UPPER_SNAKE,
 * with `params`) in the user's language. A code missing here shows the API's English message.
 */
export const fieldErrorsFr = {
  summary: 'Certains champs sont invalides : voir le message sous chacun.',
  REQUIRED: 'Champ obligatoire',
  TYPE: 'Valeur d’un type inattendu',
  MINIMUM: 'Doit être supérieur ou égal à {{limit}}',
  MAXIMUM: 'Doit être inférieur ou égal à {{limit}}',
  EXCLUSIVE_MINIMUM: 'Doit être supérieur à {{limit}}',
  EXCLUSIVE_MAXIMUM: 'Doit être inférieur à {{limit}}',
  MIN_LENGTH: 'Au moins {{limit}} caractère(s)',
  MAX_LENGTH: 'Au plus {{limit}} caractère(s)',
  MIN_ITEMS: 'Au moins {{limit}} élément(s)',
  MAX_ITEMS: 'Au plus {{limit}} élément(s)',
  MAX_DEPTH: 'Imbrication trop profonde (au plus {{limit}} niveaux)',
  UNIQUE_ITEMS: 'Chaque valeur ne peut figurer qu’une fois',
  PATTERN: 'Format invalide',
  FORMAT: 'Format invalide',
  ENUM: 'Doit être l’une des valeurs : {{allowedValues}}',
  ADDITIONAL_PROPERTIES: 'Champ non accepté',
  UNKNOWN_CODE: 'Code inconnu : {{codes}}',
  MORE_THAN_ROOMS: 'Ne peut pas dépasser le nombre de pièces',
  LAT_LNG_TOGETHER: 'Latitude et longitude vont ensemble',
  NO_LETTER_OR_DIGIT: 'Doit contenir au moins une lettre ou un chiffre',
  UNKNOWN_USER: 'Aucun utilisateur actif de ce nom dans l’organisation',
  ALREADY_USED: 'Déjà utilisé dans l’organisation',
  UNKNOWN_LISTING: 'Annonce introuvable dans l’organisation',
  REFERENCE_NOT_FOUND: 'Introuvable dans l’organisation',
  BELOW_BUDGET_MIN: 'Doit être supérieur ou égal au budget min',
  ...passwordFieldErrorsFr,
  RULE_TOO_COSTLY:
    'Ce reduce reprend son accumulateur plusieurs fois : sa valeur se multiplierait à chaque élément (coût exponentiel). N’utilisez l’accumulateur qu’une fois.',
  RULE_BUDGET_EXCEEDED:
    'Cette règle demande trop de calcul (plus de {{operations}} opérations ou {{elements}} éléments) : elle a été arrêtée. Simplifiez-la.',
};

export const fieldErrorsEn: Record<keyof typeof fieldErrorsFr, string> = {
  summary: 'Some fields are invalid: see the message under each.',
  REQUIRED: 'Required',
  TYPE: 'Value of an unexpected type',
  MINIMUM: 'Must be at least {{limit}}',
  MAXIMUM: 'Must be at most {{limit}}',
  EXCLUSIVE_MINIMUM: 'Must be more than {{limit}}',
  EXCLUSIVE_MAXIMUM: 'Must be less than {{limit}}',
  MIN_LENGTH: 'At least {{limit}} character(s)',
  MAX_LENGTH: 'At most {{limit}} character(s)',
  MIN_ITEMS: 'At least {{limit}} item(s)',
  MAX_ITEMS: 'At most {{limit}} item(s)',
  MAX_DEPTH: 'Nested too deeply (at most {{limit}} levels)',
  UNIQUE_ITEMS: 'Each value may appear only once',
  PATTERN: 'Invalid format',
  FORMAT: 'Invalid format',
  ENUM: 'Must be one of: {{allowedValues}}',
  ADDITIONAL_PROPERTIES: 'Not an accepted field',
  UNKNOWN_CODE: 'Unknown code: {{codes}}',
  MORE_THAN_ROOMS: 'Cannot exceed the number of rooms',
  LAT_LNG_TOGETHER: 'Latitude and longitude go together',
  NO_LETTER_OR_DIGIT: 'Needs at least one letter or digit',
  UNKNOWN_USER: 'No such active user in this organisation',
  ALREADY_USED: 'Already used in this organisation',
  UNKNOWN_LISTING: 'No such listing in this organisation',
  REFERENCE_NOT_FOUND: 'Not found in this organisation',
  BELOW_BUDGET_MIN: 'Must be at least the min budget',
  ...passwordFieldErrorsEn,
  RULE_TOO_COSTLY:
    'This reduce uses its accumulator more than once: its value would multiply at each item (exponential cost). Use the accumulator only once.',
  RULE_BUDGET_EXCEEDED:
    'This rule needs too much computation (more than {{operations}} operations or {{elements}} elements): it was stopped. Simplify it.',
};
