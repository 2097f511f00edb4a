// Turns whatever the engine threw into the contract's error value. Engine errors (DeviceError and
// friends) already carry a `kind` and a message written for the user; those pass through. Anything
// else is a bug: the user sees what was being done, the details go to the log.
import { API_ERROR_KINDS, type ApiError, type ApiErrorKind } from '../../../preload/contract/result.ts';

const KIND_ALIASES: Record<string, ApiErrorKind> = {
  aborted: 'timeout',
};

export class ApiFailure extends Error {
  readonly kind: ApiErrorKind;
  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.kind = kind;
  }
}

function knownKind(kind: unknown): ApiErrorKind | undefined {
  if (typeof kind !== 'string') return undefined;
  if ((API_ERROR_KINDS as readonly string[]).includes(kind)) return kind as ApiErrorKind;
  return KIND_ALIASES[kind];
}

export function toApiError(error: unknown, what: string): ApiError {
  const kind = knownKind((error as { kind?: unknown } | null)?.kind);
  if (kind !== undefined && error instanceof Error) return { kind, message: error.message };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { kind: 'timeout', message: `${what} took too long. Check the phone's connection and try again.` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `${what} failed unexpectedly: ${detail}` };
}
