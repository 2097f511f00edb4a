// Queries on the jobs table. States and their only allowed moves (Kopia's uitask model):
//   running → cancelling | success | failed
//   cancelling → cancelled | success | failed   (work may finish before the cancel lands)
// cancelled, success and failed are final.
import { CatalogError } from './catalog-error.ts';
import type { CatalogDb } from './open-catalog.ts';

export type JobKind = 'backup' | 'restore' | 'verify';
export type JobState = 'running' | 'cancelling' | 'cancelled' | 'success' | 'failed';

export interface JobFailure {
  kind: string;
  message: string;
}

export interface Job {
  id: number;
  kind: JobKind;
  deviceId: number | null;
  snapshotId: string | null;
  state: JobState;
  startedAt: number;
  finishedAt: number | null;
  error: JobFailure | null;
}

interface JobRow {
  id: number;
  kind: JobKind;
  device_id: number | null;
  snapshot_id: string | null;
  state: JobState;
  started_at: number;
  finished_at: number | null;
  error_kind: string | null;
  error_message: string | null;
}

const MOVES: Record<JobState, readonly JobState[]> = {
  running: ['cancelling', 'success', 'failed'],
  cancelling: ['cancelled', 'success', 'failed'],
  cancelled: [],
  success: [],
  failed: [],
};

const FINAL: readonly JobState[] = ['cancelled', 'success', 'failed'];

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    deviceId: row.device_id,
    snapshotId: row.snapshot_id,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error_kind === null ? null : { kind: row.error_kind, message: row.error_message ?? '' },
  };
}

export interface NewJob {
  kind: JobKind;
  deviceId?: number;
  snapshotId?: string;
  startedAt?: number;
}

export function startJob(db: CatalogDb, job: NewJob): Job {
  const result = db
    .prepare(`INSERT INTO jobs (kind, device_id, snapshot_id, state, started_at) VALUES (?, ?, ?, 'running', ?)`)
    .run(job.kind, job.deviceId ?? null, job.snapshotId ?? null, job.startedAt ?? Date.now());
  return getJob(db, Number(result.lastInsertRowid))!;
}

export function getJob(db: CatalogDb, id: number): Job | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row && toJob(row);
}

export interface MoveOptions {
  at?: number;
  /** Why it failed; recorded with a move to `failed`. */
  error?: JobFailure;
}

/** Moves a job to its next state, refusing moves the state machine does not allow. */
export function moveJob(db: CatalogDb, id: number, to: JobState, options: MoveOptions = {}): Job {
  return db.transaction(() => {
    const job = getJob(db, id);
    if (!job) throw new CatalogError('not-found', `There is no job ${id}.`);
    if (!MOVES[job.state].includes(to)) {
      throw new CatalogError('job-state-invalid', `Job ${id} is ${job.state} and cannot become ${to}.`);
    }
    const finishedAt = FINAL.includes(to) ? (options.at ?? Date.now()) : null;
    db.prepare(
      'UPDATE jobs SET state = ?, finished_at = ?, error_kind = ?, error_message = ? WHERE id = ?',
    ).run(to, finishedAt, options.error?.kind ?? null, options.error?.message ?? null, id);
    return getJob(db, id)!;
  })();
}

/** Jobs still running or cancelling, oldest first (served by the jobs_unfinished index). */
export function unfinishedJobs(db: CatalogDb): Job[] {
  const rows = db
    .prepare(`SELECT * FROM jobs WHERE state IN ('running', 'cancelling') ORDER BY started_at`)
    .all() as JobRow[];
  return rows.map(toJob);
}

/**
 * At start-up, any job still running was cut off by a crash or a quit: mark it failed so the
 * history says so and a backup can resume. Returns how many were marked.
 */
export function failInterruptedJobs(db: CatalogDb, at: number = Date.now()): number {
  return db.transaction(() => {
    let count = 0;
    for (const job of unfinishedJobs(db)) {
      moveJob(db, job.id, 'failed', {
        at,
        error: { kind: 'interrupted', message: 'Vitre stopped before this finished. Run it again to resume.' },
      });
      count += 1;
    }
    return count;
  })();
}

/** The most recent jobs, newest first. */
export function recentJobs(db: CatalogDb, limit = 50): Job[] {
  const rows = db.prepare('SELECT * FROM jobs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as JobRow[];
  return rows.map(toJob);
}
