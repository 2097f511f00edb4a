// Typed errors of the cloud backup flow: a `kind` the hosts branch on, and a message that says
// what the user can do. Messages never carry a secret or a passphrase.

export type CloudErrorKind =
  /** No destination of that name in destinations.json. */
  | 'unknown-destination'
  /** A destination of that name already exists. */
  | 'duplicate-destination'
  /** The settings given (URL, path, name) cannot work. */
  | 'invalid-settings'
  /** The user has not consented to sending data to this destination. */
  | 'no-consent'
  /** The secret or passphrase is missing, or the two passphrases typed differ. */
  | 'missing-secret'
  /** destinations.json cannot be read. */
  | 'settings-unreadable'
  /** There is no such snapshot (locally or on the destination). */
  | 'no-snapshot'
  /** The destination holds no Vitre repository (no key.age) where one was expected. */
  | 'no-repository'
  /** Something read back from the destination does not match what was written. */
  | 'damaged';

export class CloudError extends Error {
  readonly kind: CloudErrorKind;
  readonly permanent = true;
  constructor(kind: CloudErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CloudError';
    this.kind = kind;
  }
}
