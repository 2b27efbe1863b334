import { Account, AccountContact } from './account.js';
import { Activity, ActivityCompletion, ActivityReminder, Message, MessageOutbox } from './activity.js';
import { Annonce, AnnonceStatusHistory } from './annonce.js';
import { Appointment } from './appointment.js';
import { AuditEvent } from './audit-event.js';
import { ContactConsent } from './consent.js';
import { CoopGroup, CoopMember, CoopPlan, CoopPlanVersion } from './coop-group.js';
import { CoopContribution, CoopLedgerEntry, CoopTimelineEvent } from './coop-ledger.js';
import { CoopAllocation, CoopAllocationRun, CoopLot, CoopProject } from './coop-project.js';
import { Document } from './document.js';
import { Contact, ContactAssignment, ContactRole } from './contact.js';
import { Dossier, DossierStatusHistory, IdempotencyRecord, TimelineEvent } from './dossier.js';
import { DossierParty } from './dossier-party.js';
import { RefDictionary } from './ref-dictionary.js';
import { WorkflowDefinition } from './workflow-definition.js';
import { Notification } from './notification.js';
import { NotificationRule } from './notification-rule.js';
import { Organization } from './organization.js';
import { Role } from './role.js';
import { ScoringRuleset } from './scoring-ruleset.js';
import { ShortlistEntry, ShortlistEvent } from './shortlist.js';
import { User } from './user.js';

export {
  Annonce,
  AnnonceStatusHistory,
  Appointment,
  CoopAllocation,
  CoopAllocationRun,
  CoopContribution,
  CoopGroup,
  CoopLedgerEntry,
  CoopLot,
  CoopMember,
  CoopPlan,
  CoopPlanVersion,
  CoopProject,
  CoopTimelineEvent,
  Document,
  Account,
  AccountContact,
  Activity,
  ActivityCompletion,
  ActivityReminder,
  AuditEvent,
  Contact,
  ContactAssignment,
  ContactConsent,
  ContactRole,
  Dossier,
  DossierParty,
  DossierStatusHistory,
  IdempotencyRecord,
  Message,
  MessageOutbox,
  Notification,
  NotificationRule,
  Organization,
  RefDictionary,
  Role,
  ScoringRuleset,
  ShortlistEntry,
  ShortlistEvent,
  TimelineEvent,
  User,
  WorkflowDefinition,
};
export type { IActivity, IActivityCompletion, IActivityReminder, IMessage } from './activity.js';
export type { IDossier, IDossierStatusHistory, ITimelineEvent } from './dossier.js';
export type { IRefDictionary } from './ref-dictionary.js';
export type { IWorkflowDefinition } from './workflow-definition.js';
export type { IAuditEvent } from './audit-event.js';
export type { INotification } from './notification.js';
export type { IOrganization } from './organization.js';
export type { IRole } from './role.js';
export type { IScoringRuleset } from './scoring-ruleset.js';
export type { IUser } from './user.js';
export type { IAccount, IAccountContact } from './account.js';
export type { IContact, IContactAssignment, IContactRole } from './contact.js';
export type { IContactConsent } from './consent.js';
export type { IAppointment } from './appointment.js';
export type { INotificationRule } from './notification-rule.js';
export type { IDossierParty } from './dossier-party.js';
export type { IAnnonce, IAnnonceStatusHistory } from './annonce.js';
export type { IShortlistEntry, IShortlistEvent } from './shortlist.js';
export type {
  CoopMemberStatus,
  ICoopGroup,
  ICoopMember,
  ICoopPlan,
  ICoopPlanVersion,
  KycItem,
} from './coop-group.js';
export type { ICoopContribution, ICoopLedgerEntry, ICoopTimelineEvent } from './coop-ledger.js';
export type {
  ICoopAllocation,
  ICoopAllocationRun,
  ICoopLot,
  ICoopProject,
  Milestone,
} from './coop-project.js';
export type { IDocument } from './document.js';

export const entities = [
  Organization,
  User,
  Role,
  AuditEvent,
  Notification,
  RefDictionary,
  WorkflowDefinition,
  ScoringRuleset,
  Dossier,
  DossierStatusHistory,
  TimelineEvent,
  IdempotencyRecord,
  Contact,
  ContactRole,
  ContactAssignment,
  ContactConsent,
  Account,
  AccountContact,
  Activity,
  ActivityCompletion,
  ActivityReminder,
  Message,
  MessageOutbox,
  Appointment,
  NotificationRule,
  DossierParty,
  Annonce,
  AnnonceStatusHistory,
  ShortlistEntry,
  ShortlistEvent,
  Document,
  CoopGroup,
  CoopMember,
  CoopPlan,
  CoopPlanVersion,
  CoopContribution,
  CoopLedgerEntry,
  CoopTimelineEvent,
  CoopProject,
  CoopLot,
  CoopAllocationRun,
  CoopAllocation,
];
/**
 * Entities whose rows belong to one organisation (tenant filter + RLS): all but the organisation
 * itself and the dictionary, whose global defaults have no organisation.
 */
const NOT_TENANT_SCOPED: readonly unknown[] = [Organization, RefDictionary];
export const tenantEntities = entities.filter((entity) => !NOT_TENANT_SCOPED.includes(entity));
