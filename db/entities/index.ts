import { AuditEvent } from './audit-event.js';
import { Notification } from './notification.js';
import { Organization } from './organization.js';
import { Role } from './role.js';
import { User } from './user.js';

export { AuditEvent, Notification, Organization, Role, User };
export type { IAuditEvent } from './audit-event.js';
export type { INotification } from './notification.js';
export type { IOrganization } from './organization.js';
export type { IRole } from './role.js';
export type { IUser } from './user.js';

export const entities = [Organization, User, Role, AuditEvent, Notification];
/** Entities whose rows belong to one organisation (tenant filter + RLS). */
export const tenantEntities = [User, Role, AuditEvent, Notification];
