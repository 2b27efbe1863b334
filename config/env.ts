import { envSchema } from 'env-schema';

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
    /** Absent: a local `temporal server start-dev` under DATA_DIR. */
    TEMPORAL_ADDRESS: { type: 'string' },
    TEMPORAL_NAMESPACE: { type: 'string', default: 'default' },
    TEMPORAL_TASK_QUEUE: { type: 'string', default: 'atlas-crm' },
    TEMPORAL_UI_URL: { type: 'string', default: 'http://localhost:8233' },
    /** Ports of the local dev server `npm start` runs when TEMPORAL_ADDRESS is absent. */
    TEMPORAL_DEV_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 7233 },
    TEMPORAL_UI_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 8233 },
    /** History events after which a dossier workflow continues as new (Temporal's own hint also applies). */
    DOSSIER_HISTORY_LIMIT: { type: 'integer', minimum: 20, default: 4000 },
    /** Period of the follow-up reminder schedule (daily in production; seconds in tests). */
    FOLLOW_UP_REMINDER_INTERVAL_SECONDS: { type: 'integer', minimum: 1, default: 86400 },
    JWT_SECRET: { type: 'string', minLength: 32 },
    JWT_EXPIRES_IN: { type: 'string', default: '8h' },
    CORS_ORIGINS: { type: 'string', default: 'http://localhost:3000,http://localhost:5173' },
    LOGIN_RATE_LIMIT_MAX: { type: 'integer', minimum: 1, default: 10 },
    DEMO_PASSWORD: { type: 'string', minLength: 6, default: 'demo1234' },
    SEED_DEMO: { type: 'boolean' },
    DATA_DIR: { type: 'string', default: '.data' },
    SERVE_ADMIN_UI: { type: 'boolean', default: true },
    /** When set, scraping the API's /metrics needs `Authorization: Bearer <token>`. */
    METRICS_TOKEN: { type: 'string', minLength: 16 },
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
    /** WhatsApp Business Cloud API. */
    WHATSAPP_API_BASE_URL: { type: 'string', default: 'https://graph.facebook.com' },
    WHATSAPP_API_VERSION: { type: 'string', default: 'v21.0' },
    WHATSAPP_PHONE_NUMBER_ID: { type: 'string' },
    WHATSAPP_ACCESS_TOKEN: { type: 'string' },
    /** Webhook: the app secret signs deliveries (X-Hub-Signature-256); the verify token answers the challenge. */
    WHATSAPP_APP_SECRET: { type: 'string' },
    WHATSAPP_VERIFY_TOKEN: { type: 'string' },
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
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TASK_QUEUE: string;
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
  WHATSAPP_PHONE_NUMBER_ID?: string;
  WHATSAPP_ACCESS_TOKEN?: string;
  WHATSAPP_APP_SECRET?: string;
  WHATSAPP_VERIFY_TOKEN?: string;
  CHANNEL_TIMEOUT_MS: number;
  PUBLIC_BASE_URL: string;
}

const DEV_JWT_SECRET = 'atlas-dev-only-secret-never-use-in-production-0000';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const env = envSchema<Env>({ schema: envJsonSchema, data: source, dotenv: false });
  if (!env.JWT_SECRET) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError('JWT_SECRET is required in production (at least 32 characters).');
    }
    env.JWT_SECRET = DEV_JWT_SECRET;
  }
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL && !env.DATABASE_APP_URL)
      throw new ConfigError('DATABASE_URL is required in production.');
    if (!env.TEMPORAL_ADDRESS) throw new ConfigError('TEMPORAL_ADDRESS is required in production.');
    if (env.APP_DB_PASSWORD === 'atlas_app_dev')
      throw new ConfigError('APP_DB_PASSWORD must be set in production.');
  }
  return env;
}
