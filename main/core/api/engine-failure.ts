// The backup engine's and catalog's typed errors in the contract's words: their messages are
// already written for the user; only the kind needs translating.
import type { ApiErrorKind } from '../../../preload/contract/result.ts';
import { BackupError } from '../backup/index.ts';
import { CatalogError } from '../catalog/catalog-error.ts';
import { ApiFailure, toApiError } from './api-error.ts';

const BACKUP_KINDS: Record<string, ApiErrorKind> = {
  'not-a-backup': 'not-found',
  'snapshot-not-found': 'not-found',
  'not-in-snapshot': 'not-found',
  'outside-backup': 'invalid-input',
  busy: 'refused',
  'write-failed': 'refused',
  'size-mismatch': 'protocol',
  cancelled: 'refused',
};

export function asApiFailure(error: unknown, doing: string): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof BackupError) return new ApiFailure(BACKUP_KINDS[error.kind] ?? 'internal', error.message);
  if (error instanceof CatalogError) return new ApiFailure('refused', error.message);
  const converted = toApiError(error, doing);
  return new ApiFailure(converted.kind, converted.message);
}
