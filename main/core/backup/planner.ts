// The planner: pure. Given what the phone lists now and what the backup already holds, it says
// what to do with each file. Same size and same modification time (to the second, what sync
// reports) means unchanged: nothing moves. A different size means changed. Same size with a
// different time is "in doubt" (the file may have been touched, or rewritten with the same
// length): the runner asks the phone for its hash before deciding to transfer.
import type { PhoneFile } from '../categories/category.ts';
import type { Entry } from '../catalog/entries.ts';

export type KnownEntry = Omit<Entry, 'snapshotId'>;

export type PlannedItem =
  | { action: 'new'; file: PhoneFile }
  | { action: 'changed'; file: PhoneFile; previous: KnownEntry }
  | { action: 'unchanged'; file: PhoneFile; previous: KnownEntry }
  | { action: 'check'; file: PhoneFile; previous: KnownEntry };

export interface CategoryPlan {
  category: string;
  items: PlannedItem[];
  /** Files the previous snapshot had in this category that the phone no longer lists. */
  deleted: KnownEntry[];
  /** What may have to be transferred (new, changed and in-doubt files). */
  transferItems: number;
  transferBytes: number;
}

export function sameSecond(entryMtimeMs: number, phoneMtimeSeconds: number): boolean {
  return Math.floor(entryMtimeMs / 1000) === phoneMtimeSeconds;
}

export function planItem(file: PhoneFile, previous: KnownEntry | undefined): PlannedItem {
  if (!previous) return { action: 'new', file };
  if (previous.size !== file.size) return { action: 'changed', file, previous };
  if (sameSecond(previous.mtime, file.mtime)) return { action: 'unchanged', file, previous };
  return { action: 'check', file, previous };
}

/**
 * Plans one category. `known` answers for any path what the backup holds (the unfinished run
 * being resumed first, then the last complete snapshot); `previousInCategory` lists the last
 * complete snapshot's entries of this category, to report deletions.
 */
export function planCategory(
  category: string,
  listing: readonly PhoneFile[],
  known: (path: string) => KnownEntry | undefined,
  previousInCategory: Iterable<KnownEntry> = [],
): CategoryPlan {
  const seen = new Set<string>();
  const items: PlannedItem[] = [];
  let transferItems = 0;
  let transferBytes = 0;
  for (const file of [...listing].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    const item = planItem(file, known(file.path));
    items.push(item);
    if (item.action !== 'unchanged') {
      transferItems += 1;
      transferBytes += file.size;
    }
  }
  const deleted = [...previousInCategory].filter((entry) => !seen.has(entry.path));
  return { category, items, deleted, transferItems, transferBytes };
}
