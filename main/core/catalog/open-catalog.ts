// Opens the catalog that lives inside the backup folder (`<backup>/.vitre/catalog.sqlite`), so the
// folder carries its own index wherever it is copied. WAL keeps readers (the history view) from
// blocking the backup writer; synchronous=FULL because a backup tool must not lose the last
// committed snapshot on power loss, and our write rate (one transaction per batch of entries) makes
// the extra fsync cheap. The catalog is never the only record: see manifest.ts and rebuild-catalog.ts.
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { makeFolderSync } from '../files/make-folder.ts';

export type CatalogDb = Database.Database;

/** The hidden folder inside a backup folder where Vitre keeps its own files. */
export const VITRE_FOLDER = '.vitre';

export function catalogPath(backupFolder: string): string {
  return join(backupFolder, VITRE_FOLDER, 'catalog.sqlite');
}

export interface OpenCatalogOptions {
  /** Migrations to apply (tests pass a prefix of MIGRATIONS to build an older database). */
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) and migrates the database file at `file`, or `:memory:`. */
export function openCatalogFile(file: string, options: OpenCatalogOptions = {}): CatalogDb {
  if (file !== ':memory:') makeFolderSync(dirname(file));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the catalog of a backup folder. */
export function openCatalog(backupFolder: string, options: OpenCatalogOptions = {}): CatalogDb {
  return openCatalogFile(catalogPath(backupFolder), options);
}
