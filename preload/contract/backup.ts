// The Backup screen's data: what each category holds on the phone, a running backup's progress,
// and the summary at its end.
import { z } from 'zod';
import { API_ERROR_KINDS } from './result.ts';

const deviceId = z.string().min(1).max(300);
/**
 * A folder on the computer running Vitre, as the user typed or chose it: its whole path (from /,
 * a drive letter or a network share), since a partial one would land wherever Vitre runs.
 */
export const backupFolderSchema = z
  .string()
  .trim()
  .min(1, 'Type the folder to back up into.')
  .max(4096)
  .refine((folder) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(folder), 'Give the folder’s whole path, such as /home/you/Phone backups or C:\\Users\\you\\Phone backups.');
const categoryName = z.string().min(1).max(300);

export const categoryStateSchema = z.enum(['ok', 'not-available', 'not-allowed', 'failed']);

export const categoryScanSchema = z.object({
  category: z.string(),
  state: categoryStateSchema,
  /** Files, contacts, messages, calls, notes or apps found. */
  items: z.number().int().nonnegative(),
  /** Bytes of the files found (0 for data Vitre exports, whose size is known once written). */
  bytes: z.number().nonnegative(),
  /** Why the category is not available or not allowed, and what to try. */
  message: z.string().optional(),
});

export const backupScanInputSchema = z.strictObject({ deviceId });
export const backupScanSchema = z.object({ deviceId: z.string(), categories: z.array(categoryScanSchema) });

/** Where the folder picker opens: the folder the user has now. */
export const chooseFolderInputSchema = z.strictObject({ current: z.string().max(4096) });
/** The folder the user picked, or null when they closed the picker. */
export const chooseFolderSchema = z.object({ folder: z.string().nullable() });

export const backupDefaultsSchema = z.object({
  /** Where backups go unless the user picks another folder. */
  folder: z.string(),
  /** Whether this host can show a folder picker (the desktop window can; a browser cannot). */
  canChooseFolder: z.boolean(),
});

export const backupStartInputSchema = z.strictObject({
  deviceId,
  folder: backupFolderSchema,
  categories: z.array(categoryName).min(1, 'Tick at least one category.').max(64),
  /**
   * Categories also sent, encrypted, to a cloud destination once the local snapshot is complete:
   * category → destination name. Each needs the user's consent for that destination and category.
   */
  uploads: z.record(categoryName, z.string().min(1).max(80)).optional(),
});
export const backupJobSchema = z.object({ job: z.string() });

export const progressFiguresSchema = z.object({
  itemsDone: z.number().nonnegative(),
  itemsTotal: z.number().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  /** Seconds left at the current rate; null until there is a rate. */
  etaSeconds: z.number().nonnegative().nullable(),
});

export const categoryProgressSchema = progressFiguresSchema.extend({
  category: z.string(),
  phase: z.enum(['waiting', 'running', 'done']),
  state: categoryStateSchema.nullable(),
});

/** One destination's encrypted upload after the local backup. */
export const uploadProgressSchema = z.object({
  destination: z.string(),
  categories: z.array(z.string()),
  /** unlocking: opening (or creating) the key with the passphrase; checking: the test-decrypt. */
  phase: z.enum(['waiting', 'unlocking', 'uploading', 'checking', 'done']),
  objectsDone: z.number().int().nonnegative(),
  objectsTotal: z.number().int().nonnegative(),
  /** Files already on the destination: not sent again. */
  alreadyThere: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
});

export const backupProgressSchema = z.object({
  job: z.string(),
  snapshotId: z.string().nullable(),
  categories: z.array(categoryProgressSchema),
  overall: progressFiguresSchema,
  uploads: z.array(uploadProgressSchema).optional(),
});

export const categorySummarySchema = z.object({
  category: z.string(),
  state: categoryStateSchema,
  items: z.number().int().nonnegative(),
  /** Items copied for the first time. */
  added: z.number().int().nonnegative(),
  /** Items copied again because they changed on the phone since the last backup. */
  changed: z.number().int().nonnegative(),
  /** Items already in the backup, unchanged: nothing moved. */
  unchanged: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytesTransferred: z.number().nonnegative(),
  message: z.string().optional(),
});

/** Why an item could not be backed up (the engine's ItemProblemKind). */
export const BACKUP_PROBLEM_KINDS = ['impossible-name', 'symlink-skipped', 'size-mismatch', 'read-failed', 'write-failed'] as const;

export const backupProblemSchema = z.object({ category: z.string(), path: z.string(), kind: z.enum(BACKUP_PROBLEM_KINDS), message: z.string() });

export const uploadSummarySchema = z.object({
  destination: z.string(),
  categories: z.array(z.string()),
  state: z.enum(['complete', 'cancelled', 'failed']),
  objectsUploaded: z.number().int().nonnegative(),
  objectsAlreadyThere: z.number().int().nonnegative(),
  bytesUploaded: z.number().nonnegative(),
  seconds: z.number().nonnegative(),
  /** True when this upload created the destination's key (the first backup there). */
  createdKey: z.boolean(),
  /** True when the key and the snapshot list were read back and opened with the passphrase. */
  decryptChecked: z.boolean(),
  message: z.string().optional(),
});

export const backupFinishedSchema = z.object({
  job: z.string(),
  snapshotId: z.string().nullable(),
  state: z.enum(['complete', 'cancelled', 'failed']),
  folder: z.string(),
  seconds: z.number().nonnegative(),
  categories: z.array(categorySummarySchema),
  /** The first problems (at most 200), each with the reason. */
  problems: z.array(backupProblemSchema),
  problemCount: z.number().int().nonnegative(),
  bytesTransferred: z.number().nonnegative(),
  message: z.string().optional(),
  /** What kind of failure `message` describes, when the run failed (the window words it in its language). */
  errorKind: z.enum(API_ERROR_KINDS).optional(),
  uploads: z.array(uploadSummarySchema).optional(),
});

/** The backup running now (or the last one to finish), for a screen opened midway. */
export const backupStatusSchema = z.object({
  progress: backupProgressSchema.nullable(),
  finished: backupFinishedSchema.nullable(),
});

export type CategoryScan = z.infer<typeof categoryScanSchema>;
export type BackupScan = z.infer<typeof backupScanSchema>;
export type BackupDefaults = z.infer<typeof backupDefaultsSchema>;
export type ProgressFigures = z.infer<typeof progressFiguresSchema>;
export type CategoryProgressView = z.infer<typeof categoryProgressSchema>;
export type BackupProgress = z.infer<typeof backupProgressSchema>;
export type CategorySummary = z.infer<typeof categorySummarySchema>;
export type BackupFinished = z.infer<typeof backupFinishedSchema>;
export type BackupStatus = z.infer<typeof backupStatusSchema>;
export type UploadProgress = z.infer<typeof uploadProgressSchema>;
export type UploadSummary = z.infer<typeof uploadSummarySchema>;
