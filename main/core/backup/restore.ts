// Restore: a snapshot's files back to the phone with their modes and dates (sync SEND then DONE
// with the mtime), all of them or a selection. Contacts, messages, calls and notes are pushed as
// files where the phone's own tools find them, with the steps to import them. The dry run lists
// exactly what a restore would change: files missing on the phone, and files that differ in size
// or date; identical files are left alone.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { shellQuote } from '../categories/content-query.ts';
import { SHARED_STORAGE } from '../categories/file-categories.ts';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import { isDeviceError, type Device } from '../device/index.ts';
import { objectFile } from './backup-folder.ts';
import { chooseSnapshot, entriesByPath, openBackup } from './open-backup.ts';
import { sameSecond, type KnownEntry } from './planner.ts';
import { RestoreSelection } from './restore-selection.ts';

export type RestoreActionKind = 'create' | 'replace' | 'unchanged';

export interface RestoreAction {
  /** Where it goes on the phone. */
  target: string;
  /** The snapshot path it comes from. */
  path: string;
  action: RestoreActionKind;
  size: number;
  category: string;
}

export interface RestoreProblem {
  path: string;
  message: string;
}

export interface RestoreReport {
  snapshotId: string;
  dryRun: boolean;
  actions: RestoreAction[];
  restored: number;
  bytes: number;
  problems: RestoreProblem[];
  /** What the user does next on the phone (import contacts, restore messages...). */
  steps: string[];
}

export interface RestoreOptions {
  folder: string;
  snapshotId: string;
  device: Device;
  /** Snapshot paths (files or folders; /sdcard/... accepted) to restore; default all. */
  only?: readonly string[];
  dryRun?: boolean;
  signal?: AbortSignal;
  onRestored?: (action: RestoreAction) => void;
}

const VITRE_DOWNLOADS = `${SHARED_STORAGE}/Download/Vitre`;
// SMS Backup & Restore looks in its own folder on shared storage by default.
const SBR_FOLDER = `${SHARED_STORAGE}/SMSBackupRestore`;

function exportTarget(entry: KnownEntry, snapshotId: string): { target: string; step: string } | undefined {
  switch (entry.path) {
    case 'Contacts/contacts.vcf':
      return { target: `${VITRE_DOWNLOADS}/contacts-${snapshotId}.vcf`, step: `Contacts: open the Contacts app → Settings → Import → .vcf file, and choose Download/Vitre/contacts-${snapshotId}.vcf.` };
    case 'Messages/sms.xml':
      return { target: `${SBR_FOLDER}/sms-${snapshotId}.xml`, step: `Messages: install "SMS Backup & Restore", choose Restore and pick SMSBackupRestore/sms-${snapshotId}.xml (it asks to become the default SMS app while restoring).` };
    case 'Calls/calls.xml':
      return { target: `${SBR_FOLDER}/calls-${snapshotId}.xml`, step: `Calls: in "SMS Backup & Restore", choose Restore and pick SMSBackupRestore/calls-${snapshotId}.xml.` };
    case 'Notes/notes.json':
      return { target: `${VITRE_DOWNLOADS}/notes-${snapshotId}.json`, step: `Notes: the text of every note is in Download/Vitre/notes-${snapshotId}.json.` };
    default:
      return undefined;
  }
}

async function planAction(device: Device, entry: KnownEntry, target: string, mtimeMs: number, signal?: AbortSignal): Promise<RestoreActionKind> {
  try {
    const stat = await device.lstat(target, signal ? { signal } : {});
    return stat.type === 'file' && stat.size === entry.size && sameSecond(mtimeMs, stat.mtime) ? 'unchanged' : 'replace';
  } catch (error) {
    if (isDeviceError(error, 'not-found')) return 'create';
    throw error;
  }
}

async function push(device: Device, folder: string, entry: KnownEntry, target: string, mtimeMs: number, signal?: AbortSignal): Promise<void> {
  const hash = createHash('sha256');
  const source = (async function* () {
    for await (const chunk of createReadStream(objectFile(folder, entry), { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  })();
  await device.push(target, source, { mode: entry.mode & 0o7777 || 0o660, mtime: Math.floor(mtimeMs / 1000), ...(signal ? { signal } : {}) });
  if (`sha256:${hash.digest('hex')}` !== entry.hash) {
    await device.shell(`rm -f ${shellQuote(target)}`);
    throw new Error(`The stored copy (${entry.object}) is damaged, so it was not restored. Run "vitre verify" to see which others are.`);
  }
}

/**
 * Checks what a restore names — the backup folder, the snapshot, the --only paths — without a
 * phone, throwing the error the restore itself would: the command line calls it before it looks
 * for the phone, so a mistyped folder or snapshot is reported first.
 */
export async function checkRestore(options: Pick<RestoreOptions, 'folder' | 'snapshotId' | 'only'>): Promise<void> {
  const { db } = await openBackup(options.folder);
  try {
    const snapshot = chooseSnapshot(db, options.snapshotId);
    new RestoreSelection(options.only).checkFound(entriesByPath(db, snapshot.id).keys(), snapshot.id);
  } finally {
    db.close();
  }
}

export async function restoreSnapshot(options: RestoreOptions): Promise<RestoreReport> {
  const { db } = await openBackup(options.folder);
  try {
    return await restoreOpen(db, options);
  } finally {
    db.close();
  }
}

async function restoreOpen(db: CatalogDb, options: RestoreOptions): Promise<RestoreReport> {
  const snapshot = chooseSnapshot(db, options.snapshotId);
  const report: RestoreReport = { snapshotId: snapshot.id, dryRun: options.dryRun ?? false, actions: [], restored: 0, bytes: 0, problems: [], steps: [] };
  const planned: { entry: KnownEntry; target: string; mtime: number; action: RestoreAction }[] = [];
  let apks = 0;
  const selection = new RestoreSelection(options.only);
  const entries = entriesByPath(db, snapshot.id);
  selection.checkFound(entries.keys(), snapshot.id); // before the phone is asked anything
  for (const [path, entry] of entries) {
    if (!selection.has(path)) continue;
    if (entry.category === 'apps') {
      apks += 1; // APKs go back through the package installer, not as files
      continue;
    }
    const exported = path.startsWith('/') ? undefined : exportTarget(entry, snapshot.id);
    if (!path.startsWith('/') && !exported) continue;
    const target = exported?.target ?? path;
    if (exported) report.steps.push(exported.step);
    const kind = await planAction(options.device, entry, target, entry.mtime, options.signal);
    const action: RestoreAction = { target, path, action: kind, size: entry.size, category: entry.category };
    report.actions.push(action);
    planned.push({ entry, target, mtime: entry.mtime, action });
  }
  if (apks > 0) report.steps.push(`Apps: ${apks} APK files are in the backup (phones/<serial>/latest/Phone/data/app); reinstall apps from their store, or with "adb install-multiple" on those files.`);
  if (report.dryRun) return report;
  for (const { entry, target, mtime, action } of planned) {
    if (action.action === 'unchanged') continue;
    try {
      await push(options.device, options.folder, entry, target, mtime, options.signal);
      report.restored += 1;
      report.bytes += entry.size;
      options.onRestored?.(action);
    } catch (error) {
      if (!(error instanceof Error) || (isDeviceError(error) && !isDeviceError(error, 'refused') && !isDeviceError(error, 'not-found'))) throw error;
      // A damaged store file, a refused path, a record pointing outside the store: this item only.
      report.problems.push({ path: target, message: error.message });
    }
  }
  return report;
}
