// The History screen's data: the snapshots in a backup folder, a snapshot's folders and files,
// photo previews, restore plans and results, and verification.
import { z } from 'zod';
import { backupFolderSchema } from './backup.ts';

const snapshotId = z.string().min(1).max(200);

export const snapshotSummarySchema = z.object({
  id: z.string(),
  phone: z.object({ serial: z.string(), model: z.string(), name: z.string() }),
  state: z.enum(['in-progress', 'complete', 'abandoned']),
  /** Milliseconds since the epoch. */
  startedAt: z.number(),
  completedAt: z.number().nullable(),
  entries: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
});

export const historySnapshotsInputSchema = z.strictObject({ folder: backupFolderSchema });
export const historySnapshotsSchema = z.object({ folder: z.string(), snapshots: z.array(snapshotSummarySchema) });

export const historyBrowseInputSchema = z.strictObject({
  folder: backupFolderSchema,
  snapshot: snapshotId,
  /** A folder of the snapshot ('' for its top). */
  path: z.string().max(4096),
});

export const snapshotFolderSchema = z.object({
  /** What to show: one name, or several joined with "/" when the folders in between hold nothing else. */
  name: z.string(),
  path: z.string(),
  entries: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
});

export const snapshotFileSchema = z.object({
  name: z.string(),
  /** The path as recorded (on the phone, or the name of an exported file such as Contacts/contacts.vcf). */
  path: z.string(),
  size: z.number().nonnegative(),
  /** Modification time on the phone, milliseconds since the epoch. */
  mtime: z.number(),
  category: z.string(),
  /** Where the content is stored, relative to the backup folder (objects/ab/...). */
  object: z.string(),
  /** A picture the interface can preview. */
  image: z.boolean(),
});

export const historyBrowseSchema = z.object({
  snapshot: z.string(),
  path: z.string(),
  /** The folders from the top down to `path`, for a breadcrumb. */
  trail: z.array(z.object({ name: z.string(), path: z.string() })),
  folders: z.array(snapshotFolderSchema),
  files: z.array(snapshotFileSchema),
});

/** Where a file's content is stored in a backup folder: objects/xx/<rest of its hash>, nothing else. */
export const storedObjectSchema = z.string().regex(/^objects\/[0-9a-f]{2}\/[0-9a-f]{62}$/, 'That is not a stored object of a backup.');

export const historyThumbnailInputSchema = z.strictObject({ folder: backupFolderSchema, object: storedObjectSchema });
export const historyThumbnailSchema = z.object({ dataUrl: z.string().startsWith('data:image/') });

export const historyRestoreInputSchema = z.strictObject({
  folder: backupFolderSchema,
  snapshot: snapshotId,
  deviceId: z.string().min(1).max(300),
  /** Paths (files or folders) of the snapshot; empty restores everything. */
  only: z.array(z.string().min(1).max(4096)).max(10_000),
  dryRun: z.boolean(),
});

export const restoreActionSchema = z.object({
  /** Where on the phone it goes. */
  target: z.string(),
  path: z.string(),
  action: z.enum(['create', 'replace', 'unchanged']),
  size: z.number().nonnegative(),
  category: z.string(),
});

export const historyRestoreSchema = z.object({
  snapshot: z.string(),
  dryRun: z.boolean(),
  actions: z.array(restoreActionSchema),
  restored: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  /** What the user does on the phone afterwards (e.g. import contacts.vcf). */
  steps: z.array(z.string()),
});

export const historyVerifyInputSchema = z.strictObject({ folder: backupFolderSchema, snapshot: snapshotId });
export const historyVerifySchema = z.object({
  snapshot: z.string(),
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  objectsChecked: z.number().int().nonnegative(),
  bytesChecked: z.number().nonnegative(),
  problems: z.array(z.object({ path: z.string(), kind: z.string(), message: z.string() })),
});

export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;
export type HistorySnapshots = z.infer<typeof historySnapshotsSchema>;
export type SnapshotFolder = z.infer<typeof snapshotFolderSchema>;
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type HistoryBrowse = z.infer<typeof historyBrowseSchema>;
export type RestoreActionView = z.infer<typeof restoreActionSchema>;
export type HistoryRestore = z.infer<typeof historyRestoreSchema>;
export type HistoryVerify = z.infer<typeof historyVerifySchema>;
