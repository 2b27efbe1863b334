import { Dossier } from '../../db/entities/index.js';
import { loadGuardFacts } from '../../db/facts.js';
import type { Em } from '../../db/orm.js';
import {
  evaluateTransitions,
  findState,
  initialState,
  type GuardFactsInput,
  type Language,
  type TransitionEvaluation,
} from '../../definitions/guards.js';
import { validateGuardFacts } from '../../definitions/validate-definition.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { ruleBudgetProblem } from './rule-budget.js';
import { failures } from '../failures.js';

const fail = failures('engine');

/** F-2.5: a definition's transitions evaluated on a real dossier or hand-written facts, plus its impact. */

/** Dossiers whose facts are loaded to count `blocked`; beyond it the count is partial (and says so). */
export const BLOCKED_EVALUATION_CAP = 500;

export interface SimulationUser {
  id: string;
  roles: string[];
  permissions: string[];
}

export interface SimulationRequest {
  dossierId?: string;
  facts?: Record<string, unknown>;
  state?: string;
  user?: { roles: string[]; permissions: string[] };
  lang?: Language;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** `{ ...defaults, ...given }` one level down, keeping a non-object `given` so validation reports it. */
function merged(defaults: Record<string, unknown>, given: unknown): unknown {
  if (given === undefined) return defaults;
  return isPlainObject(given) ? { ...defaults, ...given } : given;
}

/**
 * Hand-written facts may omit whole sections: they get neutral values (no parties, zero counts, no
 * consent, the simulating user, 0 days, now) and each count group gets its `total` when it is missing.
 */
export function completeFacts(
  given: Record<string, unknown>,
  ctx: { caseType: string; state: string; user: SimulationUser; now: Date },
): Record<string, unknown> {
  const counts = isPlainObject(given.counts) ? { ...given.counts } : given.counts;
  if (isPlainObject(counts)) {
    for (const group of ['activities', 'appointments', 'messages']) {
      const value = counts[group];
      if (isPlainObject(value) && value.total === undefined) {
        const sum = Object.values(value).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
        counts[group] = { ...value, total: sum };
      }
    }
  }
  const zero = { total: 0 };
  return {
    ...given,
    dossier: merged({ id: 'simulated', caseType: ctx.caseType, statusCode: ctx.state }, given.dossier),
    parties: merged({ count: 0 }, given.parties),
    counts: merged({ activities: zero, appointments: zero, messages: zero }, counts),
    consents: given.consents ?? {},
    user: { id: ctx.user.id, roles: ctx.user.roles, permissions: ctx.user.permissions },
    daysInState: given.daysInState ?? 0,
    now: given.now ?? ctx.now.toISOString(),
  };
}

export interface SimulationFacts {
  state: string;
  facts: GuardFactsInput;
  source: 'dossier' | 'facts';
  dossierId: string | null;
}

/** The state and facts to evaluate from: a tenant dossier (404 if not visible) or the request's facts. */
export async function simulationFacts(
  em: Em,
  def: WorkflowDefinitionBody,
  req: SimulationRequest,
  user: SimulationUser,
  now: Date,
): Promise<SimulationFacts> {
  if (req.dossierId && req.facts) {
    throw fail.validation([
      { field: '/facts', message: 'give either dossierId (its real facts) or hand-written facts, not both' },
    ]);
  }
  if (req.state !== undefined && !findState(def, req.state)) {
    throw fail.validation([{ field: '/state', message: `${req.state} is not a state of this definition` }]);
  }
  if (req.dossierId) {
    const dossier = await em.findOne(Dossier, { id: req.dossierId });
    if (!dossier) throw fail.notFound('Dossier');
    const facts = await loadGuardFacts(em, dossier.id, user, now);
    return { state: req.state ?? dossier.statusCode, facts, source: 'dossier', dossierId: dossier.id };
  }
  const given = req.facts ?? {};
  const dossierGiven = isPlainObject(given.dossier) ? given.dossier : {};
  const fromFacts = typeof dossierGiven.statusCode === 'string' ? dossierGiven.statusCode : undefined;
  const state = req.state ?? fromFacts ?? initialState(def)?.code ?? '';
  const facts = completeFacts(given, { caseType: def.caseType, state, user, now });
  const validation = validateGuardFacts(facts);
  if (!validation.valid) {
    throw fail.validation(
      validation.errors.map((e) => ({ field: `/facts${e.path}`, message: e.message })),
      'The facts do not match the documented guard facts; see errors for each place.',
    );
  }
  return { state, facts: facts as GuardFactsInput, source: 'facts', dossierId: null };
}

/** JSON pointers of the guards, among `results` (the moves out of `state`), that spent their budget. */
export function costlyGuardPaths(
  def: WorkflowDefinitionBody,
  state: string,
  results: TransitionEvaluation[],
): string[] {
  return results
    .filter((r) => r.reasonCode === 'RULE_BUDGET_EXCEEDED')
    .map(
      (r) => `/transitions/${def.transitions.findIndex((t) => t.from === state && t.to === r.to)}/guard/rule`,
    );
}

export interface Impact {
  openDossiers: number;
  byStatus: { statusCode: string; count: number; inDraft: boolean }[];
  stranded: number;
  blocked: number;
  blockedEvaluated: number;
  blockedComplete: boolean;
  note?: string;
}

/** Per status: blocked for everyone (no usable move), free for everyone, or depends on each dossier's facts. */
function verdictWithoutFacts(
  def: WorkflowDefinitionBody,
  status: string,
  user: SimulationUser,
): 'BLOCKED' | 'FREE' | 'DEPENDS' {
  const moves = def.transitions.filter((t) => t.from === status);
  const results = evaluateTransitions(def, status, {}, user, 'en');
  const usable = moves.filter((_, i) => !['PERMISSION', 'ROLE'].includes(results[i]?.reasonCode ?? ''));
  if (usable.length === 0) return 'BLOCKED';
  return usable.some((t) => !t.guard && !t.requiredFields?.length) ? 'FREE' : 'DEPENDS';
}

/**
 * What the definition would mean for the case type's open dossiers: per status whether the definition
 * still has it, how many would be stranded (status gone) and how many blocked (no move allowed for
 * `user`, judged on their real facts; at most BLOCKED_EVALUATION_CAP dossiers get their facts loaded).
 */
export async function simulationImpact(
  em: Em,
  def: WorkflowDefinitionBody,
  caseType: string,
  user: SimulationUser,
  now: Date,
): Promise<Impact> {
  const rows = await em.execute<{ status_code: string; n: string }[]>(
    `select status_code, count(*)::text as n from dossier
      where case_type = ? and closed_at is null group by status_code order by status_code`,
    [caseType],
  );
  const byStatus = rows.map((r) => ({
    statusCode: r.status_code,
    count: Number(r.n),
    inDraft: !!findState(def, r.status_code),
  }));
  let blocked = 0;
  let evaluated = 0;
  let complete = true;
  for (const { statusCode, count, inDraft } of byStatus) {
    if (!inDraft) continue;
    const verdict = verdictWithoutFacts(def, statusCode, user);
    if (verdict === 'BLOCKED') blocked += count;
    if (verdict !== 'DEPENDS') continue;
    const budget = BLOCKED_EVALUATION_CAP - evaluated;
    if (budget < count) complete = false;
    if (budget <= 0) continue;
    const dossiers = await em.find(
      Dossier,
      { caseType, statusCode, closedAt: null },
      { fields: ['id'], orderBy: { statusChangedAt: 'desc', id: 'asc' }, limit: budget },
    );
    for (const d of dossiers) {
      const facts = await loadGuardFacts(em, d.id, user, now);
      const options: TransitionEvaluation[] = evaluateTransitions(def, statusCode, facts, user, 'en');
      // One costly guard is enough to know: stop there rather than pay its budget on every dossier.
      const costly = costlyGuardPaths(def, statusCode, options);
      if (costly.length) throw ruleBudgetProblem(costly, { dossierId: d.id });
      if (!options.some((o) => o.allowed)) blocked++;
      evaluated++;
    }
  }
  const stranded = byStatus.filter((s) => !s.inDraft).reduce((n, s) => n + s.count, 0);
  return {
    openDossiers: byStatus.reduce((n, s) => n + s.count, 0),
    byStatus,
    stranded,
    blocked,
    blockedEvaluated: evaluated,
    blockedComplete: complete,
    ...(complete
      ? {}
      : {
          note: `blocked counts only the ${BLOCKED_EVALUATION_CAP} most recently moved dossiers whose guards depend on their facts`,
        }),
  };
}
