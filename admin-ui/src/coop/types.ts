/**
 * The Coop Habitat API's shapes as the admin UI reads them (money in integer cents, rates in basis
 * points): the generated types of the API (../api/schema.d.ts), as it sends them (`Sent`), with the
 * JSON the schemas leave open (group rules, plan schedules and formulas) typed by `definitions/`.
 */
import type { CoopGroupRules } from '../../../definitions/coop/rules.js';
import type { PlanFormula, PlanSchedule } from '../../../definitions/coop/plan.js';
import type { Reply, Schemas, Sent } from '../api/client';

export type { ContributionStatus, PaymentMethod } from '../../../definitions/coop/contribution.js';
export { PAYMENT_METHODS } from '../../../definitions/coop/contribution.js';
export type { PenaltyRule } from '../../../definitions/coop/plan.js';

export type GroupRules = CoopGroupRules;
export type CoopGroup = Omit<Sent<Schemas['CoopGroup']>, 'rules'> & { rules: GroupRules };

export type CoopMember = Sent<Schemas['CoopMember']>;
export type MemberStatus = CoopMember['status'];
export type KycItem = CoopMember['kyc'][number];

export type Schedule = PlanSchedule;
type SentPlan = Sent<Schemas['CoopPlan']>;
export type PlanVersion = Omit<SentPlan['versions'][number], 'schedule' | 'formula'> & {
  schedule: Schedule;
  formula: PlanFormula;
};
export type CoopPlan = Omit<SentPlan, 'versions'> & { versions: PlanVersion[] };
/** Plans as sent, read with their schedules and formulas typed (the API checks those shapes on write). */
export const plansOf = (plans: SentPlan[]) => plans as unknown as CoopPlan[];

export type Contribution = Sent<Schemas['CoopContribution']>;
export type ScheduleLine = Sent<Schemas['CoopScheduleLine']>;
export type LedgerEntry = Sent<Schemas['CoopLedgerEntry']>;
export type Transparency = Reply<'/api/v1/coop/groups/{id}/transparency', 'get'>;
export type Totals = Transparency['totals'];

export type CoopProject = Sent<Schemas['CoopProject']>;
export type Milestone = CoopProject['milestones'][number];
export type CoopLot = Sent<Schemas['CoopLot']>;
export type AllocationRun = Sent<Schemas['CoopAllocationRun']>;
export type AllocationLine = AllocationRun['lines'][number];

export type DocumentView = Sent<Schemas['Document']>;
export type CoopEvent = Sent<Schemas['CoopTimelineEvent']>;

type SentMembership = Reply<'/api/v1/coop/me', 'get'>['data'][number];
export type Membership = Omit<SentMembership, 'group'> & { group: CoopGroup };
/** Memberships as sent, their groups' rules typed (the API checks that shape on write). */
export const membershipsOf = (rows: SentMembership[]) => rows as unknown as Membership[];
