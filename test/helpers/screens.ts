/** A main screen of the admin UI and its URL, built from ids a browser file creates in its beforeAll. */
export interface Screen {
  name: string;
  path: () => string;
}

/**
 * The agent's and the manager's main screens (issue 17), walked by the axe and the 390 px tests.
 * `ids` is filled in beforeAll (contact, dossier, definition, group), hence the lazy paths.
 */
export function mainScreens(ids: Record<string, string>): Screen[] {
  return [
    { name: 'dashboard', path: () => '/dashboard' },
    { name: 'dossier-list', path: () => '/dossiers' },
    { name: 'dossier-show', path: () => `/dossiers/show/${ids.dossier}` },
    { name: 'kanban', path: () => '/dossiers/kanban?caseType=ACHAT' },
    { name: 'contact-list', path: () => '/contacts' },
    { name: 'contact-show', path: () => `/contacts/show/${ids.contact}` },
    { name: 'listings', path: () => '/annonces' },
    { name: 'calendar', path: () => '/appointments' },
    { name: 'pipelines', path: () => '/workflow-definitions' },
    { name: 'pipeline-editor', path: () => `/workflow-definitions/edit/${ids.definition}` },
    { name: 'dictionaries', path: () => '/dictionaries' },
    { name: 'coop-group', path: () => `/coop/groups/show/${ids.group}` },
    { name: 'audit', path: () => '/audit' },
    { name: 'settings', path: () => '/settings' },
    { name: 'tasks', path: () => '/tasks' },
  ];
}
