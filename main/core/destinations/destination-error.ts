// Typed errors for every backend: a `kind` the engine can branch on, whether retrying can help
// (`permanent`), and a message that tells the user what to do. Messages are built here from
// status codes and names, never copied with the secrets a request carried.

export type DestinationErrorKind =
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid-name'
  | 'invalid-config'
  | 'no-space'
  | 'conflict'
  | 'aborted'
  | 'truncated'
  | 'unavailable'
  | 'network'
  | 'protocol';

const PERMANENT: Record<DestinationErrorKind, boolean> = {
  'not-found': true,
  unauthorized: true,
  forbidden: true,
  'invalid-name': true,
  'invalid-config': true,
  'no-space': true,
  conflict: false,
  aborted: true,
  truncated: false,
  unavailable: false,
  network: false,
  protocol: true,
};

export class DestinationError extends Error {
  readonly kind: DestinationErrorKind;
  readonly permanent: boolean;
  /** The destination's name, for messages that say which one failed. */
  readonly destination: string;

  constructor(kind: DestinationErrorKind, destination: string, message: string, options: { cause?: unknown; permanent?: boolean } = {}) {
    super(`${destination}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DestinationError';
    this.kind = kind;
    this.destination = destination;
    this.permanent = options.permanent ?? PERMANENT[kind];
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof DestinationError && error.kind === 'not-found';
}

/**
 * True when trying again cannot help: a permanent destination error, or any error that says so
 * itself (a damaged local file, a failed encryption). Errors of unknown origin are transient.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof DestinationError) return error.permanent;
  return (error as { permanent?: unknown } | null)?.permanent === true;
}

/** The error for an HTTP status, with advice for the user. */
export function errorForStatus(destination: string, status: number, what: string, cause?: unknown): DestinationError {
  const at = { cause };
  if (status === 404) return new DestinationError('not-found', destination, `${what}: no such object`, at);
  if (status === 401) return new DestinationError('unauthorized', destination, `${what}: the server refused the credentials (HTTP 401). Check the user name, access key and secret.`, at);
  if (status === 403) return new DestinationError('forbidden', destination, `${what}: access denied (HTTP 403). Check the credentials and that this account may write to the bucket or folder.`, at);
  if (status === 507 || status === 413) return new DestinationError('no-space', destination, `${what}: the server has no room for it (HTTP ${status}). Free space or raise the quota.`, at);
  if (status === 409 || status === 412 || status === 423) return new DestinationError('conflict', destination, `${what}: the server reported a conflict (HTTP ${status}); it will be tried again.`, at);
  if (status === 408 || status === 429 || status >= 500) return new DestinationError('unavailable', destination, `${what}: the server is busy or failing (HTTP ${status}); it will be tried again.`, at);
  return new DestinationError('protocol', destination, `${what}: unexpected answer from the server (HTTP ${status}).`, at);
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

/** A failure below HTTP (refused, reset, timed out): transient. */
export function isNetworkFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /socket hang up|aborted|terminated|ECONNRESET|network/i.test(message);
}

export function networkError(destination: string, what: string, cause: unknown): DestinationError {
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new DestinationError('network', destination, `${what}: the connection failed${detail}; it will be tried again. Check the network and the server address.`, { cause });
}

export function abortedError(destination: string, what: string, signal?: AbortSignal): DestinationError {
  return new DestinationError('aborted', destination, `${what}: cancelled`, { cause: signal?.reason });
}

/** Removes every secret from `text`: server messages and URLs may echo what was sent. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('[secret]');
  return result;
}
