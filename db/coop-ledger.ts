import { randomUUID } from 'node:crypto';
import { signedAmount, type LedgerKind } from '../definitions/coop/ledger.js';
import type { Em } from './orm.js';

export interface LedgerInput {
  orgId: string;
  groupId: string;
  memberId: string;
  kind: LedgerKind;
  /** Positive cents; the sign comes from the kind. */
  magnitude: number;
  /** Idempotency key: the same reference is one entry, however often it is written. */
  reference: string;
  contributionId?: string | null;
  description?: string | null;
  effectiveAt: Date;
  actorId?: string | null;
}

export interface LedgerRow {
  id: string;
  seq: number;
  memberId: string;
  kind: LedgerKind;
  amount: number;
  balanceAfter: number;
  contributionId: string | null;
  reference: string;
  description: string | null;
  effectiveAt: string;
  createdAt: string;
  actorId: string | null;
  prevHash: string | null;
  hash: string;
}

const COLUMNS = `id, seq::text, member_id, kind, amount::text, balance_after::text, contribution_id, reference,
  description, effective_at, created_at, actor_id, prev_hash, hash`;

interface RawRow {
  id: string;
  seq: string;
  member_id: string;
  kind: LedgerKind;
  amount: string;
  balance_after: string;
  contribution_id: string | null;
  reference: string;
  description: string | null;
  effective_at: Date;
  created_at: Date;
  actor_id: string | null;
  prev_hash: string | null;
  hash: string;
}

export function ledgerRow(r: RawRow): LedgerRow {
  return {
    id: r.id,
    seq: Number(r.seq),
    memberId: r.member_id,
    kind: r.kind,
    amount: Number(r.amount),
    balanceAfter: Number(r.balance_after),
    contributionId: r.contribution_id,
    reference: r.reference,
    description: r.description,
    effectiveAt: new Date(r.effective_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    actorId: r.actor_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Appends an entry in the caller's transaction unless its reference is already there (retries and
 * replays are one entry); the trigger sets seq, the member's running balance and the hash chain.
 * Returns the entry (new or the existing one with that reference).
 */
export async function appendLedgerEntry(em: Em, input: LedgerInput): Promise<LedgerRow> {
  const amount = signedAmount(input.kind, input.magnitude);
  await em.execute(
    `insert into coop_ledger_entry (id, org_id, group_id, member_id, kind, amount, contribution_id, reference,
       description, effective_at, actor_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, reference) do nothing`,
    [
      randomUUID(),
      input.orgId,
      input.groupId,
      input.memberId,
      input.kind,
      amount,
      input.contributionId ?? null,
      input.reference,
      input.description ?? null,
      input.effectiveAt,
      input.actorId ?? null,
    ],
  );
  const [row] = await em.execute<RawRow[]>(`select ${COLUMNS} from coop_ledger_entry where reference = ?`, [
    input.reference,
  ]);
  return ledgerRow(row!);
}

export async function ledgerEntries(
  em: Em,
  groupId: string,
  opts: { memberId?: string; afterSeq?: number; limit?: number } = {},
): Promise<LedgerRow[]> {
  const rows = await em.execute<RawRow[]>(
    `select ${COLUMNS} from coop_ledger_entry e where e.group_id = ?
       ${opts.memberId ? 'and e.member_id = ?' : ''} and e.seq > ? order by e.seq limit ?`,
    [groupId, ...(opts.memberId ? [opts.memberId] : []), opts.afterSeq ?? 0, opts.limit ?? 500],
  );
  return rows.map(ledgerRow);
}

export interface LedgerBreak {
  seq: number;
  problem: string;
}

/** Recomputes the group's chain and running balances in the database; returns every broken link. */
export async function verifyLedger(
  em: Em,
  groupId: string,
): Promise<{ count: number; breaks: LedgerBreak[] }> {
  const rows = await em.execute<{ seq: string; problem: string }[]>(
    `with chain as (
       select e.seq, e.hash, e.prev_hash, e.balance_after,
              lag(e.hash) over (order by e.seq) as expected_prev,
              lag(e.seq) over (order by e.seq) as previous_seq,
              sum(e.amount) over (partition by e.member_id order by e.seq) as expected_balance,
              coop_ledger_hash(e.prev_hash, e) as recomputed
       from coop_ledger_entry e where e.group_id = ?)
     select seq::text, case
       when hash is distinct from recomputed then 'content does not match its hash'
       when prev_hash is distinct from expected_prev then 'link to the previous entry is broken'
       when seq <> coalesce(previous_seq, 0) + 1 then 'entries are missing before this one'
       else 'running balance does not equal the sum of the entries'
     end as problem
     from chain
     where hash is distinct from recomputed or prev_hash is distinct from expected_prev
        or seq <> coalesce(previous_seq, 0) + 1 or balance_after <> expected_balance
     order by seq limit 100`,
    [groupId],
  );
  const [count] = await em.execute<{ n: string }[]>(
    'select count(*)::text as n from coop_ledger_entry where group_id = ?',
    [groupId],
  );
  return {
    count: Number(count?.n ?? 0),
    breaks: rows.map((r) => ({ seq: Number(r.seq), problem: r.problem })),
  };
}

export interface MemberLedgerTotals {
  memberId: string;
  called: number;
  paid: number;
  waived: number;
  penalties: number;
  balance: number;
}

/** Per-member totals from the ledger (sums in the database, exact bigint arithmetic). */
export async function ledgerTotals(em: Em, groupId: string): Promise<Map<string, MemberLedgerTotals>> {
  const rows = await em.execute<Record<string, string>[]>(
    `select member_id,
       coalesce(sum(amount) filter (where kind in ('CALL', 'INDEXATION', 'PENALTY')), 0)::text as called,
       coalesce(-sum(amount) filter (where kind in ('PAYMENT_CONFIRMED', 'REJECTION_REVERSAL', 'REFUND')), 0)::text as paid,
       coalesce(-sum(amount) filter (where kind = 'WAIVER'), 0)::text as waived,
       coalesce(sum(amount) filter (where kind = 'PENALTY'), 0)::text as penalties,
       sum(amount)::text as balance
     from coop_ledger_entry where group_id = ? group by member_id`,
    [groupId],
  );
  return new Map(
    rows.map((r) => [
      r.member_id!,
      {
        memberId: r.member_id!,
        called: Number(r.called),
        paid: Number(r.paid),
        waived: Number(r.waived),
        penalties: Number(r.penalties),
        balance: Number(r.balance),
      },
    ]),
  );
}
