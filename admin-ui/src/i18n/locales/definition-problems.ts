/**
 * The pipeline studio's validation problems (definitions/static-checks.ts, DefinitionErrorCode) by
 * code, with the `params` the API sends: spread into the "fieldErrors" namespace, shown on the row
 * (state or transition) they concern. Codes sent without params elsewhere stay out of this list.
 */
export const definitionProblemsFr = {
  UNKNOWN_CASE_TYPE: 'Le type de dossier {{caseType}} n’existe pas dans le dictionnaire des types',
  DUPLICATE_STATE: 'L’état {{state}} est déclaré plusieurs fois',
  UNKNOWN_STATUS_CODE: 'Le statut {{state}} n’existe pas dans le dictionnaire des statuts : créez-le d’abord',
  MISSING_REASON_TYPE:
    'L’état {{state}} clôt le dossier : choisissez le motif demandé ({{reasonType}}) pour que l’utilisateur le justifie',
  NO_INITIAL_STATE: 'Aucun état initial : marquez un état comme initial',
  SEVERAL_INITIAL_STATES: 'Un seul état peut être initial ; ici : {{states}}',
  UNKNOWN_STATE: 'La transition {{from}} → {{to}} utilise {{state}}, qui n’est pas un état de ce pipeline',
  DUPLICATE_TRANSITION: 'La transition {{from}} → {{to}} est déclarée plusieurs fois',
  TRANSITION_FROM_TERMINAL: 'L’état {{state}} est final : rien ne peut en sortir',
  TIMERS_NOT_SUPPORTED:
    'État {{state}} : les pipelines {{caseType}} changent de statut sans délai et n’ont pas de minuteur ; retirez-les',
  INVALID_DURATION:
    'Minuteur de l’état {{state}} : « {{value}} » n’est pas une durée valide (plus de zéro, par exemple 3 jours)',
  TIMER_TARGET_UNKNOWN: 'Le minuteur de l’état {{state}} mène à {{to}}, qui n’est pas un état de ce pipeline',
  MISSING_REASON_CODE: 'Le minuteur mène à {{to}}, qui demande un motif : choisissez-le',
  DEAD_END:
    'L’état {{state}} n’est pas final mais aucune transition n’en sort : ajoutez-en une ou marquez-le final',
  UNREACHABLE_STATE: 'L’état {{state}} ne peut pas être atteint depuis l’état initial {{initial}}',
};

export const definitionProblemsEn: Record<keyof typeof definitionProblemsFr, string> = {
  UNKNOWN_CASE_TYPE: 'Case type {{caseType}} is not in the case type dictionary',
  DUPLICATE_STATE: 'State {{state}} is declared more than once',
  UNKNOWN_STATUS_CODE: 'Status {{state}} is not in the status dictionary: create it first',
  MISSING_REASON_TYPE:
    'State {{state}} closes the dossier: choose the reason it asks for ({{reasonType}}) so users give one',
  NO_INITIAL_STATE: 'No initial state: mark one state as initial',
  SEVERAL_INITIAL_STATES: 'Only one state can be initial; found {{states}}',
  UNKNOWN_STATE: 'Transition {{from}} → {{to}} uses {{state}}, which is not a state of this pipeline',
  DUPLICATE_TRANSITION: 'Transition {{from}} → {{to}} is declared more than once',
  TRANSITION_FROM_TERMINAL: 'State {{state}} is final: nothing can leave it',
  TIMERS_NOT_SUPPORTED:
    'State {{state}}: {{caseType}} pipelines change status at once and have no timers; remove them',
  INVALID_DURATION:
    'Timer of state {{state}}: “{{value}}” is not a valid duration (more than zero, e.g. 3 days)',
  TIMER_TARGET_UNKNOWN: 'The timer of state {{state}} leads to {{to}}, which is not a state of this pipeline',
  MISSING_REASON_CODE: 'The timer leads to {{to}}, which needs a reason: choose one',
  DEAD_END: 'State {{state}} is not final but no transition leaves it: add one or mark it final',
  UNREACHABLE_STATE: 'State {{state}} cannot be reached from the initial state {{initial}}',
};
