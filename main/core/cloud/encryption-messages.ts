// What the upload thread and its encryption workers say to each other (encryption-workers.ts,
// encryption-worker.ts). Pieces of an encrypted object flow one way, each acknowledged, so a
// worker runs only a few pieces ahead of the upload and memory stays flat.
import type { EncryptionStart } from '../crypto/index.ts';

/** Pieces (about 1 MiB each) a worker may send for one object before the upload took any. */
export const PIECES_AHEAD = 4;

export type ToWorker =
  /** Read `file`, check it against `expected` (sha256:hex), encrypt it from `start`. */
  | { type: 'start'; id: number; file: string; expected: string; checkFirst: boolean; start: EncryptionStart }
  /** The upload took one piece: the worker may send one more. */
  | { type: 'ack'; id: number }
  /** The upload stopped (failed, cancelled, or retried from the start): drop the object. */
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'piece'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: SentError };

/** An error as it crosses threads: enough to rebuild the typed error the engine branches on. */
export interface SentError {
  name: string;
  message: string;
  kind?: string;
  code?: string;
}
