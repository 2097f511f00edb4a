// The cloud flow's typed errors (CloudError, CryptoError, DestinationError) in the contract's
// words. Their messages are already written for the user and never carry a secret; only the kind
// needs translating.
import type { ApiErrorKind } from '../../../preload/contract/result.ts';
import { CloudError, type CloudErrorKind } from '../cloud/index.ts';
import { CryptoError } from '../crypto/index.ts';
import { DestinationError, type DestinationErrorKind } from '../destinations/destination-error.ts';
import { ApiFailure } from './api-error.ts';
import { asApiFailure } from './engine-failure.ts';

const CLOUD_KINDS: Record<CloudErrorKind, ApiErrorKind> = {
  'unknown-destination': 'not-found',
  'duplicate-destination': 'invalid-input',
  'invalid-settings': 'invalid-input',
  'no-consent': 'refused',
  'missing-secret': 'refused',
  'settings-unreadable': 'internal',
  'no-snapshot': 'not-found',
  'no-repository': 'not-found',
  damaged: 'protocol',
};

const DESTINATION_KINDS: Record<DestinationErrorKind, ApiErrorKind> = {
  'not-found': 'not-found',
  unauthorized: 'unauthorized',
  forbidden: 'refused',
  'invalid-name': 'invalid-input',
  'invalid-config': 'invalid-input',
  'no-space': 'refused',
  conflict: 'refused',
  aborted: 'timeout',
  truncated: 'protocol',
  unavailable: 'unreachable',
  network: 'unreachable',
  protocol: 'protocol',
};

export function cloudFailure(error: unknown, doing: string): ApiFailure {
  if (error instanceof CloudError) return new ApiFailure(CLOUD_KINDS[error.kind], error.message);
  if (error instanceof CryptoError) return new ApiFailure(error.kind === 'wrong-passphrase' ? 'refused' : 'protocol', error.message);
  if (error instanceof DestinationError) return new ApiFailure(DESTINATION_KINDS[error.kind], error.message);
  return asApiFailure(error, doing);
}
