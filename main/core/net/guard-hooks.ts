// What the guard's wrappers share: the policy decision, the recorder, the purpose of the current
// async context, and the error every blocked attempt fails with.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import type { ActivityRecord, Purpose } from './activity-record.ts';
import type { Decision, EgressAttempt } from './policy.ts';

export interface GuardHooks {
  decide(attempt: EgressAttempt): Decision;
  record(record: ActivityRecord): void;
  purpose(): Purpose;
}

export class EgressBlockedError extends Error {
  readonly kind = 'egress-blocked';
  readonly permanent = true;
  readonly code = 'EVITRE_BLOCKED';
  readonly attempt: EgressAttempt;
  constructor(attempt: EgressAttempt, reason: string) {
    super(`Vitre ${reason}. To allow it, add it as a destination or phone in Settings; see \`vitre policy\`.`);
    this.attempt = attempt;
  }
}

/** Milliseconds on a monotonic clock, for durations. */
export function now(): number {
  return performance.now();
}

export const THREAD = threadId;

/** Duration between two optional marks, or -1 when either is missing (HAR's "not applicable"). */
export function span(from: number | undefined, to: number | undefined): number {
  if (from === undefined || to === undefined) return -1;
  return Math.round((to - from) * 1000) / 1000;
}
