// Typed encryption errors: each says what happened in the user's words and what to do next.

export type CryptoErrorKind =
  /** The passphrase does not open this file (or this repository key). */
  | 'wrong-passphrase'
  /** None of the keys given can open this file: it was encrypted for someone else. */
  | 'no-matching-key'
  /** The file was changed, cut short or extended after it was written: its contents cannot be trusted. */
  | 'corrupt'
  /** The file is well formed but asks for something this version refuses (e.g. an extreme work factor). */
  | 'unsupported'
  /** A key, recipient or passphrase given by the user is malformed. */
  | 'invalid-key';

export class CryptoError extends Error {
  readonly kind: CryptoErrorKind;
  /** Encryption errors never go away by retrying the same input. */
  readonly permanent = true;
  constructor(kind: CryptoErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CryptoError';
    this.kind = kind;
  }
}

/** Every integrity failure reads the same way to the user, whatever part of the file broke. */
export function corrupt(detail: string, cause?: unknown): CryptoError {
  return new CryptoError(
    'corrupt',
    `This encrypted file is damaged or was tampered with (${detail}). Restore it from another copy.`,
    { cause },
  );
}
