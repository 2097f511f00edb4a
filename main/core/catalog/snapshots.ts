// Queries on the snapshots table. A snapshot is created in progress, receives entries, then is
// completed (immutable from then on) or abandoned (a run that failed or was cancelled).
import { randomBytes } from 'node:crypto';
import { CatalogError } from './catalog-error.ts';
import type { CatalogDb } from './open-catalog.ts';
import { refusingCompleteSnapshots } from './sqlite-errors.ts';

export type SnapshotState = 'in-progress' | 'complete' | 'abandoned';

export interface Snapshot {
  id: string;
  deviceId: number;
  state: SnapshotState;
  startedAt: number;
  completedAt: number | null;
  entryCount: number;
  totalBytes: number;
}

interface SnapshotRow {
  id: string;
  device_id: number;
  state: SnapshotState;
  started_at: number;
  completed_at: number | null;
  entry_count: number;
  total_bytes: number;
}

function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    deviceId: row.device_id,
    state: row.state,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    entryCount: row.entry_count,
    totalBytes: row.total_bytes,
  };
}

/** A sortable, file-name-safe id: UTC start time plus 6 random hex digits, e.g. 20261129T001606Z-3fa2c1. */
export function newSnapshotId(startedAt: number): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export interface NewSnapshot {
  deviceId: number;
  startedAt?: number;
  /** Given when rebuilding from a manifest; otherwise a new id is made. */
  id?: string;
}

export function createSnapshot(db: CatalogDb, snapshot: NewSnapshot): Snapshot {
  const startedAt = snapshot.startedAt ?? Date.now();
  const id = snapshot.id ?? newSnapshotId(startedAt);
  db.prepare(
    `INSERT INTO snapshots (id, device_id, state, started_at) VALUES (?, ?, 'in-progress', ?)`,
  ).run(id, snapshot.deviceId, startedAt);
  return getSnapshot(db, id)!;
}

/** Seals a snapshot: counts its entries and bytes and makes it immutable. */
export function completeSnapshot(db: CatalogDb, id: string, completedAt: number = Date.now()): Snapshot {
  return refusingCompleteSnapshots(id, () =>
    db.transaction(() => {
      const result = db
        .prepare(
          `UPDATE snapshots SET state = 'complete', completed_at = @completedAt,
             entry_count = (SELECT count(*) FROM entries WHERE snapshot_id = @id),
             total_bytes = (SELECT coalesce(sum(size), 0) FROM entries WHERE snapshot_id = @id)
           WHERE id = @id AND state = 'in-progress'`,
        )
        .run({ id, completedAt });
      if (result.changes === 0) throw notOpen(db, id);
      return getSnapshot(db, id)!;
    })(),
  );
}

/** Marks a run that did not finish; its entries stay, for resume and for the record. */
export function abandonSnapshot(db: CatalogDb, id: string): Snapshot {
  return refusingCompleteSnapshots(id, () => {
    const result = db.prepare(`UPDATE snapshots SET state = 'abandoned' WHERE id = ? AND state = 'in-progress'`).run(id);
    if (result.changes === 0) throw notOpen(db, id);
    return getSnapshot(db, id)!;
  });
}

function notOpen(db: CatalogDb, id: string): CatalogError {
  const snapshot = getSnapshot(db, id);
  if (!snapshot) return new CatalogError('not-found', `There is no snapshot ${id} in this backup.`);
  return new CatalogError('snapshot-complete', `Snapshot ${id} is ${snapshot.state} and can no longer change.`);
}

export function getSnapshot(db: CatalogDb, id: string): Snapshot | undefined {
  const row = db.prepare('SELECT * FROM snapshots WHERE id = ?').get(id) as SnapshotRow | undefined;
  return row && toSnapshot(row);
}

/** A phone's snapshots, newest first. */
export function listSnapshots(db: CatalogDb, deviceId: number): Snapshot[] {
  const rows = db
    .prepare('SELECT * FROM snapshots WHERE device_id = ? ORDER BY started_at DESC, id DESC')
    .all(deviceId) as SnapshotRow[];
  return rows.map(toSnapshot);
}

/** The snapshot the next backup compares against: the newest complete one. */
export function latestCompleteSnapshot(db: CatalogDb, deviceId: number): Snapshot | undefined {
  const row = db
    .prepare(
      `SELECT * FROM snapshots WHERE device_id = ? AND state = 'complete' ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get(deviceId) as SnapshotRow | undefined;
  return row && toSnapshot(row);
}

/** Forgets a snapshot and its entries (pruning). Stored objects are the caller's to remove. */
export function deleteSnapshot(db: CatalogDb, id: string): void {
  db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
}
