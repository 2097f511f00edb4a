// Why a connection to the simulated phone ended, in words a user (or a test) can act on.

export type DaemonErrorKind =
  | 'bad-magic'
  | 'bad-checksum'
  | 'packet-too-large'
  | 'protocol'
  | 'bad-public-key';

export class DaemonError extends Error {
  readonly kind: DaemonErrorKind;
  constructor(kind: DaemonErrorKind, message: string) {
    super(message);
    this.name = 'DaemonError';
    this.kind = kind;
  }
}
