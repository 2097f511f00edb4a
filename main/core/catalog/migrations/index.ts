// The ordered list of catalog migrations. Append only: a released migration never changes, a
// fix is a new migration. Each has its own test in test/core/catalog/migrations/.
import type { Migration } from './migration.ts';
import { migration0001Devices } from './0001-devices.ts';
import { migration0002Snapshots } from './0002-snapshots.ts';
import { migration0003Entries } from './0003-entries.ts';
import { migration0004Jobs } from './0004-jobs.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration0001Devices,
  migration0002Snapshots,
  migration0003Entries,
  migration0004Jobs,
];

export const LATEST_VERSION = MIGRATIONS.length;
