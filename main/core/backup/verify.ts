// Verify: re-hash every stored object a snapshot uses and compare with the catalog (each object
// once, however many paths share it). With a phone, also re-read each file from the phone and
// compare, and count each category on the phone against the snapshot.
import { createHash } from 'node:crypto';
import { categoryNamed } from '../categories/index.ts';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import { isDeviceError, type Device } from '../device/index.ts';
import { BackupError } from './backup-error.ts';
import { objectFile } from './backup-folder.ts';
import { HashReaders } from './hash-readers.ts';
import { entriesByPath, chooseSnapshot, openBackup, type OpenedBackup } from './open-backup.ts';
import type { KnownEntry } from './planner.ts';

export type VerifyProblemKind = 'missing' | 'damaged' | 'changed-on-phone' | 'missing-on-phone';

export interface VerifyProblem {
  path: string;
  kind: VerifyProblemKind;
  message: string;
}

export interface CategoryCount {
  entries: number;
  bytes: number;
  /** Entries that are phone files (the rest are files Vitre wrote: contacts.vcf, sms.xml...). */
  files: number;
  /** How many files of this category the phone holds now (only with a phone); compare with `files`. */
  onPhone?: number;
}

export interface VerifyReport {
  snapshotId: string;
  entries: number;
  objectsChecked: number;
  bytesChecked: number;
  categories: Record<string, CategoryCount>;
  problems: VerifyProblem[];
  /** True when the catalog was missing or damaged and rebuilt from the manifests first. */
  rebuiltCatalog: boolean;
  /** Where a damaged catalog the rebuild replaced was kept. */
  damagedCatalog?: string;
  ok: boolean;
}

export interface VerifyOptions {
  folder: string;
  snapshotId?: string;
  /** Re-read from this phone too. */
  device?: Device;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

async function checkObjects(folder: string, entries: Map<string, KnownEntry>, report: VerifyReport, options: VerifyOptions): Promise<void> {
  // Each stored object once, however many paths share it; paths that share one count together.
  const users = new Map<string, KnownEntry[]>();
  for (const entry of entries.values()) {
    const sharing = users.get(entry.object);
    if (sharing) sharing.push(entry);
    else users.set(entry.object, [entry]);
  }
  const verdicts = new Map<string, VerifyProblemKind | 'ok'>();
  const readers = new HashReaders();
  let done = 0;
  try {
    await Promise.all(
      [...users].map(async ([object, sharing]) => {
        const entry = sharing[0]!;
        verdicts.set(object, await verdictOf(readers, folder, entry));
        if (options.signal?.aborted) throw new Error('Verify was cancelled.');
        report.objectsChecked += 1;
        report.bytesChecked += entry.size;
        done += sharing.length;
        options.onProgress?.(done, entries.size);
      }),
    );
  } finally {
    await readers.close();
  }
  for (const [path, entry] of entries) {
    const verdict = verdicts.get(entry.object);
    if (verdict === 'missing') report.problems.push({ path, kind: 'missing', message: `The stored copy (${entry.object}) is missing from the backup folder.` });
    if (verdict === 'damaged') report.problems.push({ path, kind: 'damaged', message: `The stored copy (${entry.object}) no longer matches its hash: it was changed or damaged on this disk.` });
  }
}

async function verdictOf(readers: HashReaders, folder: string, entry: KnownEntry): Promise<'ok' | 'missing' | 'damaged'> {
  try {
    return (await readers.hash(objectFile(folder, entry))) === entry.hash ? 'ok' : 'damaged';
  } catch (error) {
    if (error instanceof BackupError) return 'damaged';
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** The phone's copy hashed as it arrives, straight from the connection's buffer: nothing is kept. */
async function phoneHash(device: Device, path: string, size: number, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const target = {
    size,
    take(bytes: Uint8Array): boolean {
      hash.update(bytes);
      return true; // hashed already: never full
    },
    ready: () => Promise.resolve(),
  };
  await device.pullInto(path, target, signal ? { signal } : {});
  return `sha256:${hash.digest('hex')}`;
}

async function checkAgainstPhone(device: Device, entries: Map<string, KnownEntry>, report: VerifyReport, signal?: AbortSignal): Promise<void> {
  for (const [path, entry] of entries) {
    if (!path.startsWith('/')) continue; // exports are written by Vitre, not files on the phone
    try {
      const stat = await device.stat(path, signal ? { signal } : {});
      if (stat.size !== entry.size || (await phoneHash(device, path, stat.size, signal)) !== entry.hash) {
        report.problems.push({ path, kind: 'changed-on-phone', message: 'The file on the phone differs from the snapshot (changed since it was taken).' });
      }
    } catch (error) {
      if (!isDeviceError(error, 'not-found')) throw error;
      report.problems.push({ path, kind: 'missing-on-phone', message: 'The file is no longer on the phone.' });
    }
  }
  for (const [name, count] of Object.entries(report.categories)) {
    const category = categoryNamed(name);
    const context = { device, onProblem: () => undefined, ...(signal ? { signal } : {}) };
    if (category.listFiles) count.onPhone = (await category.listFiles(context)).length;
  }
}

function countCategories(entries: Map<string, KnownEntry>): Record<string, CategoryCount> {
  const counts: Record<string, CategoryCount> = {};
  for (const entry of entries.values()) {
    const count = (counts[entry.category] ??= { entries: 0, bytes: 0, files: 0 });
    count.entries += 1;
    if (entry.path.startsWith('/')) count.files += 1;
    count.bytes += entry.size;
  }
  return counts;
}

export async function verifySnapshot(options: VerifyOptions): Promise<VerifyReport> {
  const { db, ...opened } = await openBackup(options.folder);
  try {
    return await verifyOpen(db, opened, options);
  } finally {
    db.close();
  }
}

async function verifyOpen(db: CatalogDb, { rebuilt, damagedCatalog }: Omit<OpenedBackup, 'db'>, options: VerifyOptions): Promise<VerifyReport> {
  const snapshot = chooseSnapshot(db, options.snapshotId);
  const entries = entriesByPath(db, snapshot.id);
  const report: VerifyReport = {
    snapshotId: snapshot.id, entries: entries.size, objectsChecked: 0, bytesChecked: 0,
    categories: countCategories(entries), problems: [], rebuiltCatalog: rebuilt, ok: false,
    ...(damagedCatalog === undefined ? {} : { damagedCatalog }),
  };
  await checkObjects(options.folder, entries, report, options);
  if (options.device) await checkAgainstPhone(options.device, entries, report, options.signal);
  report.ok = report.problems.length === 0;
  return report;
}
