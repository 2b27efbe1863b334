import type { FastifyInstance } from 'fastify';
import crud from './crud.js';
import lifecycle from './lifecycle.js';
import rescore from './rescore.js';
import { rescoreJobSchema, rulesetSchema } from './schemas.js';

/** /scoring-rules (lead scoring): reads need CRM_DEALS_VIEW, every POST/PUT WORKFLOW_ADMIN. */
export default async function scoringRulesRoutes(app: FastifyInstance) {
  app.addSchema(rescoreJobSchema);
  app.addSchema(rulesetSchema);
  await app.register(crud);
  await app.register(lifecycle);
  await app.register(rescore);
}
