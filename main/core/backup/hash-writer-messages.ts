// What the main thread and the hash-writer thread say to each other (see hash-writer.ts).

export type ToThread =
  /** Block slot `slot` is `length` bytes of `buffer` from `offset`, sent once; blocks are then named by slot. */
  | { type: 'slot'; slot: number; buffer: SharedArrayBuffer; offset: number; length: number }
  /**
   * The first `length` bytes of slot `slot` go to the file at `position` (after the download's
   * earlier blocks in the hash). `direct`: the file is open with O_DIRECT (see direct-writes.ts).
   */
  | { type: 'block'; id: number; fd: number; slot: number; length: number; position: number; direct: boolean }
  /** No more blocks: answer `done` with the hash once every write has landed. */
  | { type: 'end'; id: number }
  /** The download is abandoned: answer `dropped` once no write is left running. */
  | { type: 'drop'; id: number };

export type FromThread =
  /** A block is written (or skipped after a failure) and can be filled again; `failed` says its write failed. */
  | { type: 'free'; id: number; slot: number; failed?: { message: string; code?: string } }
  | { type: 'done'; id: number; hash: string }
  | { type: 'dropped'; id: number }
  | { type: 'failed'; id: number; message: string; code?: string };
