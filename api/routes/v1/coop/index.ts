import type { FastifyInstance } from 'fastify';
import coopContributionRoutes from './contributions.js';
import coopGroupRoutes from './groups.js';
import coopLedgerRoutes from './ledger.js';
import coopMeRoutes from './me.js';
import coopMemberRoutes from './members.js';
import coopPlanRoutes from './plans.js';
import coopProjectRoutes from './projects.js';
import coopAllocationRoutes from './allocations.js';
import { PROJECT_SCHEMAS } from './project-schemas.js';
import { COOP_SCHEMAS } from './schemas.js';

/** Coop Habitat (F-10) under /api/v1/coop: COOP_ADMIN for responsibles, COOP_MEMBER for members. */
export default async function coopRoutes(app: FastifyInstance) {
  for (const schema of [...COOP_SCHEMAS, ...PROJECT_SCHEMAS]) app.addSchema(schema);
  await app.register(coopGroupRoutes);
  await app.register(coopMemberRoutes);
  await app.register(coopPlanRoutes);
  await app.register(coopContributionRoutes);
  await app.register(coopLedgerRoutes);
  await app.register(coopMeRoutes);
  await app.register(coopProjectRoutes);
  await app.register(coopAllocationRoutes);
}
