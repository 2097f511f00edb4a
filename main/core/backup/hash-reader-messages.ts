// What hash-readers.ts and its threads say to each other.

/** Hash the file at `path`. */
export interface ToReader {
  id: number;
  path: string;
}

/** The file's "sha256:<hex>", or why it could not be read (code kept: ENOENT, EIO). */
export type FromReader = { id: number; hash: string } | { id: number; failed: { message: string; code?: string } };
