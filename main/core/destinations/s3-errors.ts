// Maps AWS SDK failures to destination errors. The SDK's own messages are not passed through:
// they come from whatever server answered, and a user-actionable sentence is built here instead.
import { DestinationError, abortedError, errorForStatus, networkError, withoutSecrets } from './destination-error.ts';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function s3Error(destination: string, what: string, error: unknown, secrets: readonly string[], signal?: AbortSignal): DestinationError {
  if (error instanceof DestinationError) return error;
  const sdk = (error ?? {}) as SdkError;
  if (signal?.aborted || sdk.name === 'AbortError') return abortedError(destination, what, signal);
  const status = sdk.$metadata?.httpStatusCode;
  const cause = new Error(withoutSecrets(`${sdk.name ?? 'Error'}: ${sdk.message ?? ''}`, secrets));
  if (sdk.name === 'NoSuchBucket') {
    return new DestinationError('invalid-config', destination, `${what}: the bucket does not exist. Create it, or check the bucket name and region.`, { cause });
  }
  if (sdk.name === 'SignatureDoesNotMatch' || sdk.name === 'InvalidAccessKeyId') {
    return new DestinationError('unauthorized', destination, `${what}: the server refused the access key or secret (${sdk.name}). Check both, and the region.`, { cause });
  }
  if (sdk.name === 'NoSuchUpload') return new DestinationError('not-found', destination, `${what}: the multipart upload no longer exists`, { cause });
  if (typeof status === 'number' && status > 0) return errorForStatus(destination, status, what, cause);
  return networkError(destination, what, cause);
}
