// Typed catalog errors: each says what happened in the user's words and whether retrying helps.

export type CatalogErrorKind =
  /** The catalog was written by a newer Vitre; opening it with this one could damage it. */
  | 'catalog-too-new'
  /** A complete snapshot is immutable: nothing may be added to or changed in it. */
  | 'snapshot-complete'
  /** A job may only move forward (running → cancelling → cancelled, or to success/failed). */
  | 'job-state-invalid'
  /** The record asked for does not exist. */
  | 'not-found'
  /** A snapshot manifest in the backup folder cannot be read back. */
  | 'manifest-unreadable';

export class CatalogError extends Error {
  readonly kind: CatalogErrorKind;
  readonly permanent: boolean;
  constructor(kind: CatalogErrorKind, message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CatalogError';
    this.kind = kind;
    this.permanent = options.permanent ?? true;
  }
}
