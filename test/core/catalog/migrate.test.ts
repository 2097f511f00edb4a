import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError } from '../../../main/core/catalog/catalog-error.ts';
import { migrate, schemaVersion } from '../../../main/core/catalog/migrate.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/core/catalog/migrations/index.ts';
import { catalogPath, openCatalog } from '../../../main/core/catalog/open-catalog.ts';

const folders: string[] = [];
function backupFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'vitre-catalog-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('catalog migrations', () => {
  it('numbers migrations 1..N in list order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('creates the catalog inside the backup folder, in WAL mode, at the latest version', () => {
    const folder = backupFolder();
    const db = openCatalog(folder);
    expect(db.name).toBe(catalogPath(folder));
    expect(catalogPath(folder)).toBe(join(folder, '.vitre', 'catalog.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('applies nothing when reopened at the latest version', () => {
    const folder = backupFolder();
    openCatalog(folder).close();
    const db = openCatalog(folder);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it('refuses a catalog written by a newer Vitre, and leaves it untouched', () => {
    const folder = backupFolder();
    openCatalog(folder).close();
    const raw = new Database(catalogPath(folder));
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    let error: unknown;
    try {
      openCatalog(folder);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).kind).toBe('catalog-too-new');
    expect((error as CatalogError).message).toMatch(/newer version of Vitre/);
    const check = new Database(catalogPath(folder));
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('rolls a failing migration back whole, keeping the previous version', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      {
        version: 2,
        name: 'broken',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half (x INTEGER) STRICT');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get()).toEqual({ n: 0 });
  });
});
