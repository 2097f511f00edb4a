// Applies numbered migrations in order, each in its own transaction, recording the version in
// SQLite's `user_version`. A database newer than the code is refused, never "downgraded" in place:
// an older Vitre does not know what the newer tables mean (Signal Desktop's rule, ts/sql/migrations).
import type Database from 'better-sqlite3';
import { CatalogError } from './catalog-error.ts';
import type { Migration } from './migrations/index.ts';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings `db` up to the last of `migrations`; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number[] {
  checkOrder(migrations);
  const target = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > target) {
    throw new CatalogError(
      'catalog-too-new',
      `This backup's catalog was written by a newer version of Vitre (schema ${current}, this version knows ${target}). ` +
        'Update Vitre to open it; the backup itself is untouched.',
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`Migration "${migration.name}" is number ${migration.version} but sits at position ${i + 1}.`);
    }
  });
}
