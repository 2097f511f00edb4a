import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../main/core/catalog/catalog-error.ts';
import { findDeviceBySerial, listDevices, recordDeviceSeen } from '../../../main/core/catalog/devices.ts';
import { addEntries, findStoredObject, getEntry, listEntries, type NewEntry } from '../../../main/core/catalog/entries.ts';
import { failInterruptedJobs, moveJob, recentJobs, startJob, unfinishedJobs } from '../../../main/core/catalog/jobs.ts';
import { openCatalogFile } from '../../../main/core/catalog/open-catalog.ts';
import {
  abandonSnapshot,
  completeSnapshot,
  createSnapshot,
  latestCompleteSnapshot,
  listSnapshots,
  newSnapshotId,
} from '../../../main/core/catalog/snapshots.ts';

function entry(path: string, size: number, hash = `sha256:${path.length}`): NewEntry {
  return { path, size, mtime: 1_700_000_000_000, mode: 0o100644, hash, category: 'photos', object: `objects/${hash}` };
}

function catchError(run: () => unknown): CatalogError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected a CatalogError');
}

describe('catalog queries', () => {
  it('records a phone once per serial, refreshing its name and last-seen time', () => {
    const db = openCatalogFile(':memory:');
    const first = recordDeviceSeen(db, { serial: 'R58M', model: 'SM-G991B', name: 'Galaxy S21' }, 100);
    const again = recordDeviceSeen(db, { serial: 'R58M', model: 'SM-G991B', name: "Ana's phone" }, 200);
    expect(again).toEqual({ ...first, name: "Ana's phone", lastSeenAt: 200 });
    expect(listDevices(db)).toEqual([again]);
    expect(findDeviceBySerial(db, 'nope')).toBeUndefined();
  });

  it('makes sortable, file-name-safe snapshot ids', () => {
    const id = newSnapshotId(Date.UTC(2026, 10, 29, 0, 16, 6));
    expect(id).toMatch(/^20261129T001606Z-[0-9a-f]{6}$/);
  });

  it('completes a snapshot with its counts, then refuses any change to it', () => {
    const db = openCatalogFile(':memory:');
    const device = recordDeviceSeen(db, { serial: 'A', model: 'm', name: 'n' });
    const snapshot = createSnapshot(db, { deviceId: device.id, startedAt: 1000 });
    expect(snapshot.state).toBe('in-progress');
    expect(addEntries(db, snapshot.id, [entry('/sdcard/a.jpg', 10), entry('/sdcard/bb.jpg', 20)])).toBe(2);
    const done = completeSnapshot(db, snapshot.id, 2000);
    expect(done).toMatchObject({ state: 'complete', completedAt: 2000, entryCount: 2, totalBytes: 30 });
    expect(catchError(() => addEntries(db, snapshot.id, [entry('/sdcard/c.jpg', 1)])).kind).toBe('snapshot-complete');
    expect(catchError(() => completeSnapshot(db, snapshot.id)).kind).toBe('snapshot-complete');
    expect(catchError(() => abandonSnapshot(db, snapshot.id)).kind).toBe('snapshot-complete');
    expect(catchError(() => completeSnapshot(db, 'missing')).kind).toBe('not-found');
    expect([...listEntries(db, snapshot.id)].map((e) => e.path)).toEqual(['/sdcard/a.jpg', '/sdcard/bb.jpg']);
  });

  it('compares the next backup against the newest complete snapshot', () => {
    const db = openCatalogFile(':memory:');
    const device = recordDeviceSeen(db, { serial: 'A', model: 'm', name: 'n' });
    const old = createSnapshot(db, { deviceId: device.id, startedAt: 1 });
    completeSnapshot(db, old.id, 2);
    const failed = createSnapshot(db, { deviceId: device.id, startedAt: 3 });
    abandonSnapshot(db, failed.id);
    expect(latestCompleteSnapshot(db, device.id)?.id).toBe(old.id);
    expect(listSnapshots(db, device.id).map((s) => s.id)).toEqual([failed.id, old.id]);
  });

  it('replaces an entry on resume and finds stored content by hash', () => {
    const db = openCatalogFile(':memory:');
    const device = recordDeviceSeen(db, { serial: 'A', model: 'm', name: 'n' });
    const snapshot = createSnapshot(db, { deviceId: device.id });
    addEntries(db, snapshot.id, [entry('/sdcard/a', 1, 'sha256:01')]);
    addEntries(db, snapshot.id, [entry('/sdcard/a', 2, 'sha256:02')]);
    expect(getEntry(db, snapshot.id, '/sdcard/a')).toMatchObject({ size: 2, hash: 'sha256:02' });
    expect(findStoredObject(db, 'sha256:02')).toBe('objects/sha256:02');
    expect(findStoredObject(db, 'sha256:01')).toBeUndefined();
  });

  it('moves jobs only along running → cancelling → cancelled / success / failed', () => {
    const db = openCatalogFile(':memory:');
    const job = startJob(db, { kind: 'backup', startedAt: 10 });
    expect(job).toMatchObject({ state: 'running', finishedAt: null, error: null });
    expect(moveJob(db, job.id, 'cancelling').state).toBe('cancelling');
    expect(catchError(() => moveJob(db, job.id, 'running')).kind).toBe('job-state-invalid');
    expect(moveJob(db, job.id, 'cancelled', { at: 20 })).toMatchObject({ state: 'cancelled', finishedAt: 20 });
    expect(catchError(() => moveJob(db, job.id, 'success')).kind).toBe('job-state-invalid');
    const failed = moveJob(db, startJob(db, { kind: 'verify' }).id, 'failed', { error: { kind: 'device-gone', message: 'Unplugged.' } });
    expect(failed.error).toEqual({ kind: 'device-gone', message: 'Unplugged.' });
    expect(recentJobs(db).map((j) => j.state)).toEqual(['failed', 'cancelled']);
  });

  it('marks jobs cut off by a crash as failed at start-up', () => {
    const db = openCatalogFile(':memory:');
    startJob(db, { kind: 'backup', startedAt: 1 });
    const cancelling = startJob(db, { kind: 'restore', startedAt: 2 });
    moveJob(db, cancelling.id, 'cancelling');
    moveJob(db, startJob(db, { kind: 'verify', startedAt: 3 }).id, 'success');
    expect(unfinishedJobs(db)).toHaveLength(2);
    expect(failInterruptedJobs(db, 99)).toBe(2);
    expect(unfinishedJobs(db)).toEqual([]);
    expect(recentJobs(db).filter((j) => j.error?.kind === 'interrupted')).toHaveLength(2);
  });
});
