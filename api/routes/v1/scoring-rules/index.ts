import type { FastifyInstance } from 'fastify';
import crud from './crud.js';
import lifecycle from './lifecycle.js';
import { rulesetSchema } from './schemas.js';

/** /scoring-rules (lead scoring): reads need CRM_DEALS_VIEW, every POST/PUT WORKFLOW_ADMIN. */
export default async function scoringRulesRoutes(app: FastifyInstance) {
  app.addSchema(rulesetSchema);
  await app.register(crud);
  await app.register(lifecycle);
}
