import type { FastifyInstance, FastifyPluginOptions } from 'fastify';
import fp from 'fastify-plugin';
import external from './plugins/external/index.js';
import auth from './plugins/app/auth.js';
import context from './plugins/app/context.js';
import wholeLists from './plugins/app/whole-lists.js';
import csvQuery from './plugins/app/csv-query.js';
import errors from './plugins/app/errors.js';
import jsonBody from './plugins/app/json-body.js';
import httpCaching from './plugins/app/http-caching.js';
import metrics from './plugins/app/metrics.js';
import auditSealer from './plugins/app/audit-sealer.js';
import adminUiRoutes from './routes/admin-ui.js';
import smsWebhook from './routes/webhooks/sms.js';
import whatsAppWebhook from './routes/webhooks/whatsapp.js';
import healthRoutes from './routes/health.js';
import accountRoutes from './routes/v1/accounts/index.js';
import annonceRoutes from './routes/v1/annonces/index.js';
import appointmentRoutes from './routes/v1/appointments.js';
import activityRoutes from './routes/v1/activities.js';
import auditRoutes from './routes/v1/audit.js';
import authRoutes from './routes/v1/auth.js';
import contactRoutes from './routes/v1/contacts/index.js';
import dictionaryRoutes from './routes/v1/dictionaries.js';
import dashboardRoutes from './routes/v1/dashboard.js';
import searchRoutes from './routes/v1/search.js';
import taskRoutes from './routes/v1/tasks.js';
import importRoutes from './routes/v1/imports.js';
import dossierRoutes from './routes/v1/dossiers/index.js';
import exportRoutes from './routes/v1/exports.js';
import messageRoutes from './routes/v1/messages.js';
import notificationRoutes from './routes/v1/notifications.js';
import notificationRuleRoutes from './routes/v1/notification-rules.js';
import recordAuditRoutes from './routes/v1/record-audit.js';
import reportRoutes from './routes/v1/reports.js';
import roleRoutes from './routes/v1/roles.js';
import timelineRoutes from './routes/v1/timeline.js';
import userRoutes from './routes/v1/users.js';
import workflowDefinitionRoutes from './routes/v1/workflow-definitions/index.js';
import scoringRulesRoutes from './routes/v1/scoring-rules/index.js';
import settingsRoutes from './routes/v1/settings.js';
import channelSettingsRoutes from './routes/v1/channel-settings.js';
import { registerSharedSchemas } from './schemas/shared.js';
import documentRoutes, { documentSchema } from './routes/v1/documents.js';
import coopRoutes from './routes/v1/coop/index.js';
import { documentStoreFromEnv } from '../db/document-store.js';
import { ExportSlots } from './lib/export-slots.js';
import type { AppDeps } from './types.js';

/**
 * The API as a plugin (server.ts listens; tests inject): external plugins, then app plugins,
 * then encapsulated route folders.
 */
export default fp(async function atlasApp(app: FastifyInstance, opts: FastifyPluginOptions & AppDeps) {
  app.decorate('env', opts.env);
  app.decorate('orm', opts.orm);
  app.decorate('temporal', opts.temporal);
  app.decorate('documents', opts.documents ?? documentStoreFromEnv(opts.env));
  app.decorate(
    'exportSlots',
    new ExportSlots(opts.env.EXPORT_CONCURRENCY_PER_ORG, opts.env.EXPORT_CONCURRENCY_TOTAL),
  );
  registerSharedSchemas(app);
  app.addSchema(documentSchema);

  await app.register(errors);
  await app.register(jsonBody);
  await app.register(context);
  // Before `external`: compression hooks onto routes as they are added, swagger's /docs among them.
  await app.register(httpCaching);
  await app.register(external);
  await app.register(auth);
  await app.register(csvQuery);
  await app.register(wholeLists);
  await app.register(metrics);
  await app.register(auditSealer);

  await app.register(healthRoutes);
  await app.register(whatsAppWebhook);
  await app.register(smsWebhook);
  await app.register(
    async (v1) => {
      await v1.register(authRoutes);
      await v1.register(userRoutes);
      await v1.register(roleRoutes);
      await v1.register(auditRoutes);
      await v1.register(recordAuditRoutes);
      await v1.register(notificationRoutes);
      await v1.register(dossierRoutes);
      await v1.register(annonceRoutes);
      await v1.register(contactRoutes);
      await v1.register(accountRoutes);
      await v1.register(dictionaryRoutes);
      await v1.register(workflowDefinitionRoutes);
      await v1.register(scoringRulesRoutes);
      await v1.register(reportRoutes);
      await v1.register(exportRoutes);
      await v1.register(dashboardRoutes);
      await v1.register(activityRoutes);
      await v1.register(taskRoutes);
      await v1.register(importRoutes);
      await v1.register(messageRoutes);
      await v1.register(timelineRoutes);
      await v1.register(appointmentRoutes);
      await v1.register(settingsRoutes);
      await v1.register(channelSettingsRoutes);
      await v1.register(notificationRuleRoutes);
      await v1.register(documentRoutes);
      await v1.register(coopRoutes);
      await v1.register(searchRoutes);
    },
    { prefix: '/api/v1' },
  );
  if (opts.env.SERVE_ADMIN_UI) await app.register(adminUiRoutes);
});
