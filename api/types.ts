import type { Client } from '@temporalio/client';
import type { Env } from '../config/env.js';
import type { DocumentStore } from '../db/document-store.js';
import type { Em, Orm, TenantContext } from '../db/orm.js';
import type { ExportSlots } from './lib/export-slots.js';
import type { RoutePermission } from './lib/route-permission.js';
import type { WholeListConfig } from './plugins/app/whole-lists.js';

export interface Principal {
  userId: string;
  orgId: string;
  orgSlug: string;
  email: string;
  fullName: string;
  roles: string[];
  permissions: Set<string>;
  /** After an admin reset: only choosing a new password is allowed (403 PASSWORD_CHANGE_REQUIRED). */
  mustChangePassword: boolean;
}

export interface AppDeps {
  env: Env;
  orm: Orm;
  /** Absent only in unit-level app tests; routes needing Temporal answer 503 then. */
  temporal?: Client | undefined;
  /** Where document bytes go; default from the environment (filesystem, or S3 when S3_BUCKET is set). */
  documents?: DocumentStore | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    env: Env;
    orm: Orm;
    temporal: Client | undefined;
    documents: DocumentStore;
    /** Bounds concurrent exports per organisation and in total (api/lib/export-slots.ts). */
    exportSlots: ExportSlots;
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    principal?: Principal;
    correlationId: string;
    /** Tenant context of the authenticated caller (throws 401 when unauthenticated). */
    tenant(): TenantContext;
    /** Runs `fn` in one transaction scoped to the caller's organisation (ORM filter + RLS). */
    tx<T>(fn: (em: Em) => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /**
     * Permission the caller needs — or a list, of which the caller needs any one; every /api route
     * declares one, or `authOnly` / `public: true`.
     */
    permission?: RoutePermission;
    public?: boolean;
    /** Any authenticated user of the organisation. */
    authOnly?: boolean;
    /** A list read whole: page, pageSize and sort applied by api/plugins/app/whole-lists.ts. */
    list?: WholeListConfig;
  }
}
