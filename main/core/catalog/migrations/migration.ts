import type Database from 'better-sqlite3';

/** One schema step. `version` is its position in MIGRATIONS, counting from 1; never renumber. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
