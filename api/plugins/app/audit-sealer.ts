import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { startAuditSealer, type AuditSealer } from '../../../services/platform/audit-sealer.js';

/** The API process seals audit rows after commit, from the moment it is ready until it closes. */
export default fp(async function auditSealer(app: FastifyInstance) {
  let sealer: AuditSealer | undefined;
  app.addHook('onReady', async () => {
    sealer = startAuditSealer(app.orm, {
      onError: (err) => app.log.warn({ err }, 'audit sealing failed; the next tick retries'),
    });
  });
  app.addHook('onClose', async () => {
    await sealer?.stop();
  });
});
