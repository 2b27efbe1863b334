import { envSchema } from 'env-schema';
import { devJwtSecret } from './dev-secret.js';
import { parseEncryptionKey } from './secret-box.js';

/**
 * One JSON schema for the whole runtime configuration, validated at boot by the API, the worker
 * and the scripts alike, so a typo in an env name fails fast instead of running half-configured.
 */
export const envJsonSchema = {
  type: 'object',
  required: ['NODE_ENV', 'PORT', 'HOST'],
  properties: {
    NODE_ENV: { type: 'string', enum: ['development', 'production', 'test'], default: 'development' },
    HOST: { type: 'string', default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    /** Owner connection (migrations, seed). Absent: an embedded PostgreSQL under DATA_DIR/postgres. */
    DATABASE_URL: { type: 'string' },
    /** Connection of the API and worker: a role without BYPASSRLS. Derived from DATABASE_URL when absent. */
    DATABASE_APP_URL: { type: 'string' },
    APP_DB_USER: { type: 'string', default: 'atlas_app' },
    APP_DB_PASSWORD: { type: 'string', default: 'atlas_app_dev' },
    DATABASE_POOL_MAX: { type: 'integer', minimum: 1, default: 20 },
    /** Session defaults of the API's connections: a runaway statement or a forgotten transaction ends. */
    DB_STATEMENT_TIMEOUT_MS: { type: 'integer', minimum: 0, default: 30000 },
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: { type: 'integer', minimum: 0, default: 60000 },
    /** Exports running at once per organisation and in total (per API process); beyond: 429 / 503. */
    EXPORT_CONCURRENCY_PER_ORG: { type: 'integer', minimum: 1, default: 2 },
    EXPORT_CONCURRENCY_TOTAL: { type: 'integer', minimum: 1, default: 5 },
    /** An export whose client accepts no bytes for this long is aborted and its connection released. */
    EXPORT_WRITE_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 30000 },
    /** statement_timeout of each cursor fetch of an export (a sorted export's first fetch sorts it all). */
    EXPORT_STATEMENT_TIMEOUT_MS: { type: 'integer', minimum: 0, default: 120000 },
    /**
     * The database's own backstop on an export's transaction, should the process fail to end it: longer
     * than one batch of rows may take to reach a slow but live client.
     */
    EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS: { type: 'integer', minimum: 0, default: 300000 },
    /** Deepest nesting of arrays/objects accepted in a JSON body (below its top level). */
    JSON_MAX_DEPTH: { type: 'integer', minimum: 1, maximum: 1000, default: 64 },
    /** Absent: a local `temporal server start-dev` under DATA_DIR. */
    TEMPORAL_ADDRESS: { type: 'string' },
    TEMPORAL_NAMESPACE: { type: 'string', default: 'default' },
    TEMPORAL_TASK_QUEUE: { type: 'string', default: 'atlas-crm' },
    TEMPORAL_UI_URL: { type: 'string', default: 'http://localhost:8233' },
    /** Which Temporal `npm start` runs when TEMPORAL_ADDRESS is absent: the CLI's dev server or the real server on PostgreSQL. */
    TEMPORAL_MODE: { type: 'string', enum: ['dev', 'server'], default: 'dev' },
    /** Ports of the local Temporal `npm start` runs when TEMPORAL_ADDRESS is absent. */
    TEMPORAL_DEV_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 7233 },
    TEMPORAL_UI_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 8233 },
    /** History events after which a dossier workflow continues as new (Temporal's own hint also applies). */
    DOSSIER_HISTORY_LIMIT: { type: 'integer', minimum: 20, default: 4000 },
    /** Period of the follow-up reminder schedule (daily in production; seconds in tests). */
    FOLLOW_UP_REMINDER_INTERVAL_SECONDS: { type: 'integer', minimum: 1, default: 86400 },
    /** Absent outside production: a random secret kept in DATA_DIR/jwt-secret (created on first start). */
    JWT_SECRET: { type: 'string', minLength: 32 },
    JWT_EXPIRES_IN: { type: 'string', default: '8h' },
    CORS_ORIGINS: { type: 'string', default: 'http://localhost:3000,http://localhost:5173' },
    LOGIN_RATE_LIMIT_MAX: { type: 'integer', minimum: 1, default: 10 },
    DEMO_PASSWORD: { type: 'string', minLength: 6, default: 'demo1234' },
    SEED_DEMO: { type: 'boolean' },
    DATA_DIR: { type: 'string', default: '.data' },
    SERVE_ADMIN_UI: { type: 'boolean', default: true },
    /** Scraping the API's /metrics needs `Authorization: Bearer <token>`; unset, /metrics is closed (open in tests only). */
    METRICS_TOKEN: { type: 'string', minLength: 16 },
    /** base64 of 32 bytes: AES-256-GCM key of the tenants' channel secrets at rest; required in production. */
    CONFIG_ENCRYPTION_KEY: { type: 'string' },
    /** Where the worker serves the Temporal SDK runtime's Prometheus metrics; empty disables it. */
    WORKER_METRICS_ADDRESS: { type: 'string', default: '127.0.0.1:9464' },
    /** Bound of the worker's sticky workflow cache (its memory grows with it); unset: the SDK's heap-based default. */
    WORKER_MAX_CACHED_WORKFLOWS: { type: 'integer', minimum: 2 },
    /** A prebuilt workflow bundle (bundleWorkflowCode's code) for the worker; unset: bundled at start. */
    WORKER_WORKFLOW_BUNDLE: { type: 'string' },
    /** Documents (statutes, minutes, proofs, photos): DATA_DIR/documents unless S3_BUCKET is set. */
    DOCUMENTS_MAX_BYTES: { type: 'integer', minimum: 1, default: 10485760 },
    /** S3-compatible object storage (MinIO in docker-compose); S3_BUCKET switches documents to it. */
    S3_ENDPOINT: { type: 'string' },
    S3_BUCKET: { type: 'string' },
    S3_REGION: { type: 'string', default: 'us-east-1' },
    S3_ACCESS_KEY_ID: { type: 'string' },
    S3_SECRET_ACCESS_KEY: { type: 'string' },
    S3_FORCE_PATH_STYLE: { type: 'boolean', default: true },
    /** Email over SMTP (nodemailer). Unset host: the EMAIL channel refuses to send ("not configured"). */
    SMTP_HOST: { type: 'string' },
    SMTP_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    SMTP_SECURE: { type: 'boolean', default: false },
    SMTP_USER: { type: 'string' },
    SMTP_PASSWORD: { type: 'string' },
    MAIL_FROM: { type: 'string', default: 'Atlas CRM <no-reply@atlas-crm.local>' },
    /** SMS over Twilio's Messages API (the base URL points tests at a stand-in). */
    SMS_API_BASE_URL: { type: 'string', default: 'https://api.twilio.com' },
    SMS_ACCOUNT_SID: { type: 'string' },
    SMS_AUTH_TOKEN: { type: 'string' },
    SMS_FROM: { type: 'string' },
    /** WhatsApp Business Cloud API; each organisation's number and secrets are its own (settings). */
    WHATSAPP_API_BASE_URL: { type: 'string', default: 'https://graph.facebook.com' },
    WHATSAPP_API_VERSION: { type: 'string', default: 'v21.0' },
    /** Address the providers call back (webhooks); part of Twilio's request signature. */
    PUBLIC_BASE_URL: { type: 'string', default: 'http://localhost:3000' },
    /** Provider timeout per outbound call. */
    CHANNEL_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 10000 },
  },
} as const;

export interface Env {
  NODE_ENV: 'development' | 'production' | 'test';
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  DATABASE_URL?: string;
  DATABASE_APP_URL?: string;
  APP_DB_USER: string;
  APP_DB_PASSWORD: string;
  DATABASE_POOL_MAX: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  EXPORT_CONCURRENCY_PER_ORG: number;
  EXPORT_CONCURRENCY_TOTAL: number;
  EXPORT_WRITE_TIMEOUT_MS: number;
  EXPORT_STATEMENT_TIMEOUT_MS: number;
  EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  JSON_MAX_DEPTH: number;
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TASK_QUEUE: string;
  TEMPORAL_MODE: 'dev' | 'server';
  TEMPORAL_UI_URL: string;
  TEMPORAL_DEV_PORT: number;
  TEMPORAL_UI_PORT: number;
  DOSSIER_HISTORY_LIMIT: number;
  FOLLOW_UP_REMINDER_INTERVAL_SECONDS: number;
  JWT_SECRET: string;
  JWT_EXPIRES_IN: string;
  CORS_ORIGINS: string;
  LOGIN_RATE_LIMIT_MAX: number;
  DEMO_PASSWORD: string;
  SEED_DEMO?: boolean;
  DATA_DIR: string;
  SERVE_ADMIN_UI: boolean;
  METRICS_TOKEN?: string;
  CONFIG_ENCRYPTION_KEY?: string;
  WORKER_METRICS_ADDRESS: string;
  WORKER_MAX_CACHED_WORKFLOWS?: number;
  WORKER_WORKFLOW_BUNDLE?: string;
  DOCUMENTS_MAX_BYTES: number;
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  SMTP_HOST?: string;
  SMTP_PORT: number;
  SMTP_SECURE: boolean;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  MAIL_FROM: string;
  SMS_API_BASE_URL: string;
  SMS_ACCOUNT_SID?: string;
  SMS_AUTH_TOKEN?: string;
  SMS_FROM?: string;
  WHATSAPP_API_BASE_URL: string;
  WHATSAPP_API_VERSION: string;
  CHANNEL_TIMEOUT_MS: number;
  PUBLIC_BASE_URL: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const env = envSchema<Env>({ schema: envJsonSchema, data: source, dotenv: false });
  if (!env.JWT_SECRET) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError('JWT_SECRET is required in production (at least 32 characters).');
    }
    // Never a constant from the source: anyone could forge tokens for every local install.
    env.JWT_SECRET = devJwtSecret(env.DATA_DIR);
  }
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL && !env.DATABASE_APP_URL)
      throw new ConfigError('DATABASE_URL is required in production.');
    if (!env.TEMPORAL_ADDRESS) throw new ConfigError('TEMPORAL_ADDRESS is required in production.');
    if (env.APP_DB_PASSWORD === 'atlas_app_dev')
      throw new ConfigError('APP_DB_PASSWORD must be set in production.');
    if (!env.CONFIG_ENCRYPTION_KEY)
      throw new ConfigError('CONFIG_ENCRYPTION_KEY is required in production (openssl rand -base64 32).');
  }
  if (env.CONFIG_ENCRYPTION_KEY) {
    try {
      parseEncryptionKey(env.CONFIG_ENCRYPTION_KEY);
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
  }
  return env;
}
