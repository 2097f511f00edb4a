import { ExactReadableEndedError, StructEmptyError, StructNotEnoughDataError } from '@yume-chan/struct';

// Every failure the device layer reports is a DeviceError: a `kind` the app can branch on and a
// message the user can act on. Raw errors from sockets, the adb server or Tango never leak out.

export type DeviceErrorKind =
  /** No adb server, no phone at that address, connection refused. */
  | 'unreachable'
  /** The phone went away (cable pulled, Wi-Fi dropped, daemon died) during an operation. */
  | 'disconnected'
  /** Nothing happened for longer than the operation's timeout. */
  | 'timeout'
  /** The phone has not (yet) trusted this computer's key. */
  | 'unauthorized'
  /** The phone or adb server sent something that breaks the protocol. */
  | 'protocol'
  /** The phone refused the request (permission denied, no such service). */
  | 'refused'
  /** A file or folder that does not exist on the phone. */
  | 'not-found'
  /** The caller cancelled. */
  | 'aborted'
  /** The adb program is missing, too old, or would not start. */
  | 'adb-missing'
  | 'adb-too-old'
  /** The user typed something we cannot use (bad target, bad pairing code). */
  | 'invalid-input';

const PERMANENT: ReadonlySet<DeviceErrorKind> = new Set([
  'unauthorized',
  'refused',
  'not-found',
  'aborted',
  'adb-missing',
  'adb-too-old',
  'invalid-input',
]);

export interface DeviceErrorOptions {
  cause?: unknown;
}

export class DeviceError extends Error {
  readonly kind: DeviceErrorKind;
  /** True when retrying the same thing will fail the same way until the user does something. */
  readonly permanent: boolean;

  constructor(kind: DeviceErrorKind, message: string, options: DeviceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeviceError';
    this.kind = kind;
    this.permanent = PERMANENT.has(kind);
  }
}

export function isDeviceError(error: unknown, kind?: DeviceErrorKind): error is DeviceError {
  return error instanceof DeviceError && (kind === undefined || error.kind === kind);
}

/** The text of any thrown value, for wrapping. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const NETWORK_CODES: Record<string, DeviceErrorKind> = {
  ECONNREFUSED: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  ECONNRESET: 'disconnected',
  EPIPE: 'disconnected',
  ETIMEDOUT: 'timeout',
};

/**
 * Turns whatever an operation threw into a DeviceError. `what` names the operation in the
 * user's words ("Reading /sdcard/DCIM/a.jpg") and starts the message.
 */
export function toDeviceError(error: unknown, what: string): DeviceError {
  if (error instanceof DeviceError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in NETWORK_CODES) {
    const kind = NETWORK_CODES[code] as DeviceErrorKind;
    const hint =
      kind === 'unreachable'
        ? 'Check that the phone (or adb server) is on and reachable, then try again.'
        : 'Check the cable or Wi-Fi connection and try again.';
    return new DeviceError(kind, `${what} failed: ${describeError(error)}. ${hint}`, { cause: error });
  }
  // A reply cut short: the socket ended before a whole message arrived. Through the adb server
  // this is how a phone that vanished (or sent garbage, which makes adb drop it) shows up.
  if (error instanceof ExactReadableEndedError || error instanceof StructNotEnoughDataError || error instanceof StructEmptyError) {
    return new DeviceError('disconnected', `${what} stopped: the connection to the phone ended in the middle of a reply. Reconnect the phone and try again.`, {
      cause: error,
    });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new DeviceError('aborted', `${what} was cancelled.`, { cause: error });
  }
  return new DeviceError('protocol', `${what} failed: ${describeError(error)}.`, { cause: error });
}
