// Typed errors of the backup engine: a `kind` to branch on and a message the user can act on.

export type BackupErrorKind =
  /** The folder given is not a Vitre backup (no catalog, no manifests). */
  | 'not-a-backup'
  /** No snapshot with that id, or no complete snapshot at all. */
  | 'snapshot-not-found'
  /** A path to restore names nothing in the snapshot. */
  | 'not-in-snapshot'
  /** The phone's file did not match the size it declared. */
  | 'size-mismatch'
  /** The backup folder cannot be written (full disk, permissions). */
  | 'write-failed'
  /** A path would leave the backup folder (never followed). */
  | 'outside-backup'
  /** Another backup is writing to the same folder. */
  | 'busy'
  /** The user cancelled. */
  | 'cancelled';

export class BackupError extends Error {
  readonly kind: BackupErrorKind;
  readonly permanent: boolean;
  constructor(kind: BackupErrorKind, message: string, options: { cause?: unknown; permanent?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackupError';
    this.kind = kind;
    this.permanent = options.permanent ?? (kind !== 'write-failed' && kind !== 'busy');
  }
}
