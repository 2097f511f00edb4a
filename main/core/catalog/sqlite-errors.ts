// Turns the catalog's trigger aborts (RAISE(ABORT, '<kind>')) into typed CatalogErrors.
import { CatalogError } from './catalog-error.ts';

/** Runs `write`; a trigger refusing a change to a complete snapshot becomes a CatalogError. */
export function refusingCompleteSnapshots<T>(snapshotId: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Error && error.message === 'snapshot-complete') {
      throw new CatalogError(
        'snapshot-complete',
        `Snapshot ${snapshotId} is complete and can no longer change. Start a new backup instead.`,
        { cause: error },
      );
    }
    throw error;
  }
}
