import type { Reply, Schemas, Sent } from '../../api/client';

/** The API's own types (generated from its OpenAPI document): a field it stops sending fails typecheck. */
export type Dossier = Sent<Schemas['Dossier']>;

/** GET /dossiers/{id}/transitions: the moves from the current status. */
export type TransitionsAnswer = Reply<'/api/v1/dossiers/{id}/transitions', 'get'>;
export type TransitionOption = TransitionsAnswer['data'][number];
export type ReasonType = TransitionOption['reasonType'];

export type KanbanAnswer = Reply<'/api/v1/dossiers/kanban', 'get'>;
export type KanbanColumn = KanbanAnswer['columns'][number];

export type HistoryRow = Reply<'/api/v1/dossiers/{id}/history', 'get'>['data'][number];

/** GET /dossiers/{id}/workspace: the dossier page's first screen in one read. */
export type DossierWorkspace = Reply<'/api/v1/dossiers/{id}/workspace', 'get'>;
