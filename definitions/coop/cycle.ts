import type { ContributionStatus } from './contribution.js';
import { accruesPenalty, isSettled } from './contribution.js';

/**
 * The contribution cycle's scheduler, pure and workflow-safe: given every due line of a member's plan
 * (as the cycle's load activity reads it) and the time, what is due now and when to wake up next.
 */

export interface CycleLine {
  seq: number;
  dueAt: number;
  amount: number;
  planVersion: number;
  /** When the call for funds goes out (due date − callAhead). */
  callAt: number;
  /** Reminder before the due date when nothing came in; null = none. */
  reminderAt: number | null;
  /** Due date + grace. */
  lateAt: number;
  /** Length of a penalty period (ms); null = no penalty. */
  penaltyEvery: number | null;
  maxPenalties: number;
  contributionId: string | null;
  status: ContributionStatus | null;
  penaltiesApplied: number;
  reminded: boolean;
}

export interface CycleSnapshot {
  memberStatus: string;
  lines: CycleLine[];
}

export type CycleAction =
  | { type: 'CALL'; seq: number }
  | { type: 'REMIND'; seq: number; contributionId: string }
  | { type: 'LATE'; seq: number; contributionId: string; periods: number };

export interface CycleStep {
  due: CycleAction[];
  /** Next instant something becomes due (null: only a signal or an update can move things). */
  wakeAt: number | null;
  /** Nothing will ever be due again: the member left, or every line is settled or skipped. */
  done: boolean;
}

const GONE = new Set(['EXITED', 'EXCLUDED']);

/** Penalty periods started at `now` on a line (capped); 0 before it is late. */
export function periodsStarted(line: CycleLine, now: number): number {
  if (now < line.lateAt || line.penaltyEvery === null) return 0;
  return Math.min(line.maxPenalties, Math.floor((now - line.lateAt) / line.penaltyEvery) + 1);
}

/**
 * What the cycle must do now. Lines are called only while the member is ACTIVE and only if their due
 * date is not before `callFrom` (the last reactivation: lines that fell due during a suspension are
 * never called). Called lines get their reminder, then LATE and one penalty per late period while no
 * proof is under review; settled lines are done.
 */
export function nextCycleStep(snapshot: CycleSnapshot, now: number, callFrom: number): CycleStep {
  const due: CycleAction[] = [];
  let wakeAt: number | null = null;
  const wake = (at: number) => {
    wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
  };
  const active = snapshot.memberStatus === 'ACTIVE';
  let pending = false;
  for (const line of snapshot.lines) {
    if (!line.contributionId || !line.status) {
      if (line.dueAt < callFrom || (!active && line.dueAt <= now)) continue; // skipped for good
      pending = true;
      if (!active) continue;
      if (line.callAt <= now) due.push({ type: 'CALL', seq: line.seq });
      else wake(line.callAt);
      continue;
    }
    if (isSettled(line.status)) continue;
    pending = true;
    const id = line.contributionId;
    if (line.reminderAt !== null && !line.reminded && now < line.lateAt) {
      if (line.status === 'PENDING' || line.status === 'REJECTED') {
        if (line.reminderAt <= now) due.push({ type: 'REMIND', seq: line.seq, contributionId: id });
        else wake(line.reminderAt);
      }
    }
    if (!accruesPenalty(line.status)) continue;
    if (now < line.lateAt) {
      wake(line.lateAt);
      continue;
    }
    const periods = periodsStarted(line, now);
    if (line.status !== 'LATE' || periods > line.penaltiesApplied)
      due.push({ type: 'LATE', seq: line.seq, contributionId: id, periods });
    if (line.penaltyEvery !== null && periods < line.maxPenalties)
      wake(line.lateAt + periods * line.penaltyEvery);
  }
  return { due, wakeAt, done: GONE.has(snapshot.memberStatus) || !pending };
}
