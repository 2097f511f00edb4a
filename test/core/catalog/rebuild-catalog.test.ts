import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listDevices, recordDeviceSeen } from '../../../main/core/catalog/devices.ts';
import { addEntries, listEntries, type NewEntry } from '../../../main/core/catalog/entries.ts';
import { manifestPath, writeSnapshotManifest } from '../../../main/core/catalog/manifest.ts';
import { catalogPath, openCatalog, type CatalogDb } from '../../../main/core/catalog/open-catalog.ts';
import { rebuildCatalog } from '../../../main/core/catalog/rebuild-catalog.ts';
import { completeSnapshot, createSnapshot, listSnapshots } from '../../../main/core/catalog/snapshots.ts';

const folders: string[] = [];
function backupFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'vitre-rebuild-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function entries(count: number, prefix: string): NewEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `/sdcard/DCIM/${prefix}-${String(i).padStart(5, '0')}.jpg`,
    size: 1000 + i,
    mtime: 1_700_000_000_000 + i,
    mode: 0o100644,
    hash: `sha256:${prefix}${i}`,
    category: i % 2 ? 'photos' : 'videos',
    object: `objects/${prefix}${i}`,
  }));
}

/** Two phones, three complete snapshots (one with 2,500 entries) and one still in progress. */
async function backUp(folder: string): Promise<CatalogDb> {
  const db = openCatalog(folder);
  const pixel = recordDeviceSeen(db, { serial: 'P1', model: 'Pixel 8', name: 'Pixel' }, 1000);
  const galaxy = recordDeviceSeen(db, { serial: 'G1', model: 'SM-G991B', name: 'Galaxy, "work"' }, 1000);
  const plan: [number, number, number][] = [[pixel.id, 1000, 3], [pixel.id, 5000, 2500], [galaxy.id, 3000, 0]];
  for (const [deviceId, startedAt, count] of plan) {
    const snapshot = createSnapshot(db, { deviceId, startedAt });
    addEntries(db, snapshot.id, entries(count, String(startedAt)));
    completeSnapshot(db, snapshot.id, startedAt + 100);
    await writeSnapshotManifest(folder, db, snapshot.id);
  }
  const open = createSnapshot(db, { deviceId: galaxy.id, startedAt: 9000 });
  addEntries(db, open.id, entries(2, 'open'));
  return db;
}

function picture(db: CatalogDb) {
  return listDevices(db)
    .sort((a, b) => a.serial.localeCompare(b.serial))
    .map((device) => ({
      serial: device.serial,
      model: device.model,
      name: device.name,
      snapshots: listSnapshots(db, device.id)
        .filter((s) => s.state === 'complete')
        .map((s) => ({ ...s, deviceId: 0, entries: [...listEntries(db, s.id)] })),
    }));
}

describe('rebuilding the catalog from the manifests in the backup folder', () => {
  it('writes one JSON Lines manifest per complete snapshot, readable without Vitre', async () => {
    const folder = backupFolder();
    const db = await backUp(folder);
    const [big] = listSnapshots(db, 1);
    const lines = readFileSync(manifestPath(folder, big!.id), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2502);
    expect(lines[0]).toMatchObject({ format: 'vitre-manifest', version: 1, snapshot: big!.id, device: { serial: 'P1' } });
    expect(Object.keys(lines[1])).toEqual(['path', 'size', 'mtime', 'mode', 'hash', 'category', 'object']);
    expect(lines.at(-1)).toEqual({ complete: true, completedAt: 5100, entryCount: 2500, totalBytes: big!.totalBytes });
    db.close();
  });

  it('recreates devices, complete snapshots and entries exactly, and keeps the old catalog aside', async () => {
    const folder = backupFolder();
    const db = await backUp(folder);
    const before = picture(db);
    db.close();
    writeFileSync(catalogPath(folder), 'not a database any more');

    const report = await rebuildCatalog(folder, 42);
    expect(report).toMatchObject({ snapshots: 3, entries: 2503, skipped: [] });
    expect(report.previousCatalog).toBe(`${catalogPath(folder)}.replaced-42`);
    expect(readFileSync(report.previousCatalog!, 'utf8')).toBe('not a database any more');

    const rebuilt = openCatalog(folder);
    expect(picture(rebuilt)).toEqual(before);
    rebuilt.close();
  });

  it('skips a damaged or cut-short manifest, says why, and loads the others', async () => {
    const folder = backupFolder();
    const db = await backUp(folder);
    const [newest, oldest] = listSnapshots(db, 1);
    db.close();
    const cut = manifestPath(folder, newest!.id);
    writeFileSync(cut, readFileSync(cut, 'utf8').split('\n').slice(0, 100).join('\n') + '\n');
    writeFileSync(join(folder, 'manifests', 'zz-garbage.jsonl'), '{"format":"something else"}\n');

    const report = await rebuildCatalog(folder);
    expect(report.snapshots).toBe(2);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/incomplete/),
      expect.stringMatching(/not a Vitre manifest/),
    ]);
    const rebuilt = openCatalog(folder);
    expect(listSnapshots(rebuilt, 1).map((s) => s.id)).toEqual([oldest!.id]);
    rebuilt.close();
  });

  it('builds an empty catalog from a folder without manifests', async () => {
    const folder = backupFolder();
    const report = await rebuildCatalog(folder);
    expect(report).toEqual({ snapshots: 0, entries: 0, skipped: [] });
    expect(existsSync(catalogPath(folder))).toBe(true);
  });
});
