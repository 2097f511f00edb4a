// What a file holds, produced on demand. A phone with 100,000 files keeps only these small
// descriptions; bytes exist only for the chunk the daemon asks for.

export interface FileBody {
  readonly size: number;
  /** Bytes [offset, offset+length), shorter at the end of the file. */
  read(offset: number, length: number): Uint8Array;
  /** The same bytes as read-only views of the body's content, where it can give them without copying. */
  pieces?(offset: number, length: number): readonly Uint8Array[];
}

/** Bytes [offset, offset+length) of `body` as pieces: views where the body offers them, else one copy. */
export function piecesOf(body: FileBody, offset: number, length: number): readonly Uint8Array[] {
  return body.pieces ? body.pieces(offset, length) : [body.read(offset, length)];
}

/** Clamps a read to the body's size; returns the real length (0 past the end). */
export function clampLength(size: number, offset: number, length: number): number {
  if (offset >= size || length <= 0) return 0;
  return Math.min(length, size - offset);
}

/** A body held in memory: small generated files and files pushed to the phone. */
export class BytesBody implements FileBody {
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get size(): number {
    return this.#bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    const n = clampLength(this.size, offset, length);
    return this.#bytes.slice(offset, offset + n);
  }
}

/** A body built lazily on first read (e.g. a PDF whose text depends on the seed). */
export class LazyBody implements FileBody {
  readonly size: number;
  readonly #build: () => Uint8Array;
  #bytes: Uint8Array | undefined;

  /** `size` must equal the length of what `build` returns. */
  constructor(size: number, build: () => Uint8Array) {
    this.size = size;
    this.#build = build;
  }

  read(offset: number, length: number): Uint8Array {
    this.#bytes ??= this.#build();
    const n = clampLength(this.size, offset, length);
    return this.#bytes.slice(offset, offset + n);
  }
}

/** Bodies laid end to end: a header, a large generated middle, a trailer. */
export class JoinedBody implements FileBody {
  readonly size: number;
  readonly #parts: readonly FileBody[];
  readonly #starts: number[];

  constructor(parts: readonly FileBody[]) {
    this.#parts = parts;
    this.#starts = [];
    let at = 0;
    for (const part of parts) {
      this.#starts.push(at);
      at += part.size;
    }
    this.size = at;
  }

  read(offset: number, length: number): Uint8Array {
    const n = clampLength(this.size, offset, length);
    // Most reads fall inside one part (the large middle): hand its bytes over without a copy.
    const first = this.#partAt(offset);
    if (first >= 0) {
      const start = this.#starts[first] as number;
      const part = this.#parts[first] as FileBody;
      if (offset + n <= start + part.size) return part.read(offset - start, n);
    }
    const out = new Uint8Array(n);
    let written = 0;
    for (let i = 0; i < this.#parts.length && written < n; i += 1) {
      const part = this.#parts[i] as FileBody;
      const start = this.#starts[i] as number;
      const at = offset + written;
      if (at >= start + part.size || at < start) continue;
      const chunk = part.read(at - start, n - written);
      out.set(chunk, written);
      written += chunk.length;
    }
    return out;
  }

  pieces(offset: number, length: number): readonly Uint8Array[] {
    const n = clampLength(this.size, offset, length);
    const out: Uint8Array[] = [];
    for (let i = Math.max(0, this.#partAt(offset)); i < this.#parts.length; i += 1) {
      const start = this.#starts[i] as number;
      const part = this.#parts[i] as FileBody;
      const from = Math.max(offset, start);
      const to = Math.min(offset + n, start + part.size);
      if (from >= to) {
        if (start >= offset + n) break;
        continue;
      }
      out.push(...piecesOf(part, from - start, to - from));
    }
    return out;
  }

  #partAt(offset: number): number {
    for (let i = this.#parts.length - 1; i >= 0; i -= 1) {
      if (offset >= (this.#starts[i] as number)) return i;
    }
    return -1;
  }
}
