import type { FastifyInstance } from 'fastify';
import crud from './crud.js';
import diff from './diff.js';
import lifecycle from './lifecycle.js';
import migrations from './migrations.js';
import { definitionSchema } from './schemas.js';
import simulate from './simulate.js';

/** /workflow-definitions (F-2.2, F-2.4, F-2.5): reads need CRM_DEALS_VIEW, every POST/PUT WORKFLOW_ADMIN. */
export default async function workflowDefinitionRoutes(app: FastifyInstance) {
  app.addSchema(definitionSchema);
  await app.register(crud);
  await app.register(lifecycle);
  await app.register(simulate);
  await app.register(migrations);
  await app.register(diff);
}
