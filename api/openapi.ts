/**
 * What the OpenAPI document says beyond the route schemas, in one place: the tags, a stable
 * operationId for every operation (derived from method and path, so a client generated from the
 * document keeps its names while the path does), summaries and 2xx descriptions where a route has
 * none, and the answers that are not JSON (files, CSV).
 */

export const OPENAPI_TAGS = [
  { name: 'ops', description: 'Health and metrics for operators' },
  { name: 'auth', description: 'Sign-in and the current user' },
  { name: 'users', description: 'Users of the organisation' },
  { name: 'roles', description: 'Roles and their permissions' },
  { name: 'audit', description: 'The tamper-evident audit trail' },
  { name: 'notifications', description: 'In-app notifications of the current user' },
  { name: 'dossiers', description: 'Dossiers (cases) and their workflow' },
  { name: 'consents', description: 'Channel consents of contacts and dossiers' },
  { name: 'matching', description: 'Search criteria, property matching and shortlists' },
  { name: 'annonces', description: 'Listings (properties)' },
  { name: 'privacy', description: 'Personal data export and erasure' },
  { name: 'contacts', description: 'Contacts, their roles and lifecycle' },
  { name: 'accounts', description: 'Customer companies' },
  { name: 'dictionaries', description: 'Tenant-editable dictionaries' },
  { name: 'workflow-definitions', description: 'Pipelines as data: draft, validate, simulate, publish' },
  { name: 'scoring-rules', description: 'Lead and dossier scoring rules' },
  { name: 'reports', description: 'Pipeline reports' },
  { name: 'exports', description: 'CSV and JSON exports' },
  { name: 'activities', description: 'Calls, emails, visits, notes and tasks' },
  { name: 'imports', description: 'CSV imports: preview, dry run, durable jobs and their error files' },
  { name: 'tasks', description: 'Open tasks and next actions: mine, the team’s, by due date' },
  { name: 'messages', description: 'Outbound and inbound messages' },
  { name: 'timeline', description: 'Timelines of records' },
  { name: 'appointments', description: 'Appointments and visits' },
  { name: 'settings', description: 'Organisation settings' },
  { name: 'notification-rules', description: 'Who is told what, on which channel' },
  { name: 'documents', description: 'Uploaded documents' },
  {
    name: 'search',
    description: 'One search box across contacts, dossiers, accounts, listings and coop members',
  },
  { name: 'coop', description: 'Coop Habitat: groups, members, contributions, ledger, allocations' },
];

/** Summaries of the routes that declare none (keyed "METHOD /path"). */
const SUMMARIES: Record<string, string> = {
  'GET /api/v1/users': 'List users',
  'POST /api/v1/users': 'Create a user',
  'GET /api/v1/users/{id}': 'Get a user',
  'PATCH /api/v1/users/{id}': 'Update a user (name, roles, active)',
  'POST /api/v1/roles': 'Create a role',
  'GET /api/v1/roles/{id}': 'Get a role',
  'PATCH /api/v1/roles/{id}': 'Update a role',
  'DELETE /api/v1/roles/{id}': 'Delete a role',
  'GET /api/v1/notifications': 'List my notifications',
  'POST /api/v1/notifications/{id}/read': 'Mark a notification read',
  'GET /api/v1/dossiers/{id}': 'Get a dossier',
  'GET /api/v1/dossiers/{id}/history': 'Status history of a dossier',
  'GET /api/v1/annonces/{id}': 'Get a listing',
  'POST /api/v1/contacts/{id}/archive': 'Archive a contact',
  'POST /api/v1/accounts': 'Create an account',
  'GET /api/v1/accounts/{id}': 'Get an account',
  'PATCH /api/v1/accounts/{id}': 'Update an account',
  'DELETE /api/v1/accounts/{id}/contacts/{contactId}': 'Unlink a contact from an account',
  'GET /api/v1/workflow-definitions/{id}': 'Get a workflow definition version',
  'GET /api/v1/scoring-rules/{id}': 'Get a scoring rule set version',
  'GET /api/v1/activities/{id}': 'Get an activity',
};

/** Names clearer than the derived ones (keyed "METHOD /path"); the rest follow operationIdOf. */
const OPERATION_IDS: Record<string, string> = {
  'POST /api/v1/auth/login': 'login',
  'GET /api/v1/auth/me': 'getMe',
  'GET /api/v1/audit': 'listAuditEvents',
  'GET /api/v1/audit/verify': 'verifyAuditChain',
  'GET /api/v1/audit/actors': 'listAuditActors',
  'GET /api/v1/audit/export': 'exportAuditEvents',
  'GET /api/v1/users/directory': 'getUserDirectory',
  'GET /api/v1/roles/permissions': 'listPermissions',
  'POST /api/v1/notifications/{id}/read': 'markNotificationRead',
  'GET /api/v1/dossiers/kanban': 'getDossierKanban',
  'POST /api/v1/dossiers/{id}/transitions': 'transitionDossier',
  'POST /api/v1/dossiers/{id}/matches': 'matchDossier',
  'POST /api/v1/dossiers/{id}/shortlist': 'addDossierShortlistEntry',
  'PATCH /api/v1/dossiers/{id}/shortlist/{entryId}': 'updateDossierShortlistEntry',
  'POST /api/v1/dossiers/{id}/shortlist/{entryId}/visits': 'bookDossierShortlistVisit',
  'POST /api/v1/annonces/{id}/transitions': 'transitionAnnonce',
  'GET /api/v1/dictionaries/types': 'listDictionaryTypes',
  'GET /api/v1/workflow-definitions/diff': 'diffWorkflowDefinitions',
  'POST /api/v1/workflow-definitions/{id}/migrations': 'migrateWorkflowDefinitionDossiers',
  'GET /api/v1/scoring-rules/{id}/rescore': 'getScoringRuleRescoreStatus',
  'GET /api/v1/reports/funnel': 'getFunnelReport',
  'GET /api/v1/exports/dossiers': 'exportDossiers',
  'GET /api/v1/exports/contacts': 'exportContacts',
  'GET /api/v1/exports/accounts': 'exportAccounts',
  'GET /api/v1/exports/activities': 'exportActivities',
  'POST /api/v1/appointments/{id}/done': 'markAppointmentDone',
  'POST /api/v1/appointments/{id}/no-show': 'markAppointmentNoShow',
  'POST /api/v1/coop/groups/{id}/transitions': 'transitionCoopGroup',
  'POST /api/v1/coop/members/{id}/status': 'changeCoopMemberStatus',
  'POST /api/v1/coop/members/{id}/rank': 'changeCoopMemberRank',
  'POST /api/v1/coop/plans/{id}/cycles': 'startCoopPlanCycles',
  'POST /api/v1/coop/contributions/{id}/proof': 'submitCoopContributionProof',
  'GET /api/v1/coop/groups/{id}/ledger/verify': 'verifyCoopGroupLedger',
  'GET /api/v1/coop/groups/{id}/ledger/export': 'exportCoopGroupLedger',
  'GET /api/v1/coop/me': 'getMyCoopMemberships',
  'GET /api/v1/tasks/counts': 'countTasks',
  'POST /api/v1/imports/contacts/preview': 'previewContactImport',
  'POST /api/v1/imports/contacts': 'importContacts',
  'GET /api/v1/imports/{id}/errors': 'getImportErrors',
  'POST /api/v1/activities/{id}/reschedule': 'rescheduleTask',
  'GET /api/v1/coop/me/groups/{groupId}/schedule': 'getMyCoopSchedule',
  'GET /api/v1/coop/me/groups/{groupId}/ledger': 'getMyCoopLedger',
};

const binary = (mime: string, description: string) => ({
  description,
  content: { [mime]: { schema: { type: 'string', format: 'binary' } } },
});
const csv = (description: string) => ({
  description,
  content: { 'text/csv': { schema: { type: 'string' } } },
});

/** 2xx answers the route schema cannot express (files, CSV, free-form results). */
const SUCCESS_RESPONSES: Record<string, Record<string, unknown>> = {
  'GET /api/v1/documents/{id}/content': {
    200: binary('application/octet-stream', 'The stored bytes, checked against their sha256'),
  },
  'GET /api/v1/imports/{id}/errors': {
    200: csv('The refused lines with their reasons and values (; UTF-8 BOM)'),
  },
  'GET /api/v1/coop/groups/{id}/ledger/export': {
    200: csv('The ledger as CSV (format=csv) or JSON lines, with its hash chain'),
  },
  'POST /api/v1/contacts/merge': {
    200: {
      description: 'The merge plan (dryRun) or the merge done: survivor and duplicate',
      type: 'object',
      required: ['dryRun'],
      properties: { dryRun: { type: 'boolean' } },
      additionalProperties: true,
    },
  },
};

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work continues in a workflow',
  '204': 'No content',
};

const ACTION_EXCEPTIONS = new Set(['status', 'settings', 'kyc', 'criteria']);
const isPlural = (word: string) => word.endsWith('s') && !ACTION_EXCEPTIONS.has(word);
const pascal = (word: string) =>
  word
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
function singular(word: string) {
  if (!isPlural(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/**
 * `listDossiers`, `getDossier`, `createDossierParty`, `transitionDossier`, `confirmCoopContribution`:
 * the verb from the method (or the action segment), the nouns from the path.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/v1/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s));
  const isParam = (s: string | undefined) => !!s && s.startsWith('{');
  const nouns = (upTo: number) =>
    segments
      .slice(0, upTo)
      .map((s, i) => (isParam(s) ? '' : pascal(isParam(segments[i + 1]) ? singular(s) : s)))
      .join('');
  const last = segments[segments.length - 1];
  const m = method.toUpperCase();
  if (isParam(last) || last === undefined) {
    const verb = { GET: 'get', PATCH: 'update', PUT: 'replace', DELETE: 'delete', POST: 'post' }[m] ?? 'call';
    return verb + nouns(segments.length);
  }
  const owner = nouns(segments.length - 1);
  if (m === 'GET') return (isPlural(last) ? 'list' : 'get') + owner + pascal(last);
  if (m === 'POST' && isPlural(last)) return `create${owner}${pascal(singular(last))}`;
  if (m === 'POST') {
    const action = pascal(last);
    return action[0]!.toLowerCase() + action.slice(1) + owner;
  }
  const verb = { PATCH: 'update', PUT: 'replace', DELETE: 'delete' }[m] ?? m.toLowerCase();
  return verb + owner + pascal(last);
}

interface TransformInput {
  schema: object | undefined;
  url: string;
  route: { method: string | string[] };
}

/** @fastify/swagger's `transform`: a copy of each route schema with what the document needs. */
export function openapiTransform({ schema: raw, url, route }: TransformInput): {
  schema: object;
  url: string;
} {
  if (!raw) return { schema: {}, url };
  const schema = raw as Record<string, unknown>;
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const key = `${method} ${url.replace(/:(\w+)/g, '{$1}')}`;
  const response = { ...((schema.response as Record<string, Record<string, unknown>>) ?? {}) };
  for (const [code, answer] of Object.entries(SUCCESS_RESPONSES[key] ?? {}))
    response[code] = answer as Record<string, unknown>;
  for (const [code, answer] of Object.entries(response))
    if (code.startsWith('2') && !answer.description)
      response[code] = { ...answer, description: STATUS_TEXT[code] ?? 'Success' };
  return {
    schema: {
      ...schema,
      operationId: schema.operationId ?? OPERATION_IDS[key] ?? operationIdOf(method, url),
      summary: schema.summary ?? SUMMARIES[key],
      response,
    },
    url,
  };
}
