// Builds in-memory catalogs at a given schema version, and reads schema facts for the tests.
import { openCatalogFile, type CatalogDb } from '../../../main/core/catalog/open-catalog.ts';
import { migrate } from '../../../main/core/catalog/migrate.ts';
import { MIGRATIONS } from '../../../main/core/catalog/migrations/index.ts';

/** A fresh in-memory catalog migrated up to `version` only. */
export function catalogAtVersion(version: number): CatalogDb {
  return openCatalogFile(':memory:', { migrations: MIGRATIONS.slice(0, version) });
}

/** Applies the migrations up to `version` to an existing catalog. */
export function migrateTo(db: CatalogDb, version: number): number[] {
  return migrate(db, MIGRATIONS.slice(0, version));
}

export function isStrictTable(db: CatalogDb, table: string): boolean {
  const row = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number } | undefined;
  return row?.strict === 1;
}

export function columnNames(db: CatalogDb, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((r) => r.name);
}

/** The `detail` lines of EXPLAIN QUERY PLAN, joined: e.g. "SEARCH entries USING INDEX entries_by_hash (hash=?)". */
export function queryPlan(db: CatalogDb, sql: string, ...params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}
