// The backup engine's public face: back up, list snapshots, verify, restore.
export { prepareBackup, runBackup, type BackupOptions, type BackupReport } from './run-backup.ts';
export type { BackupEvent, CategoryProgress } from './backup-events.ts';
export type { CategoryOutcome } from './backup-run.ts';
export { BackupError, type BackupErrorKind } from './backup-error.ts';
export { allSnapshots, catalogRebuiltSentence, chooseSnapshot, entriesByPath, openBackup, type OpenedBackup } from './open-backup.ts';
export { verifySnapshot, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verify.ts';
export { checkRestore, restoreSnapshot, type RestoreAction, type RestoreOptions, type RestoreReport } from './restore.ts';
export { latestFolder, objectRelativePath } from './backup-folder.ts';
export { decodeComponent, encodeComponent, localTreePaths } from './local-names.ts';
export { planCategory, planItem, type CategoryPlan, type KnownEntry, type PlannedItem } from './planner.ts';
