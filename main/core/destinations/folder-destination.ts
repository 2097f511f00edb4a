// A destination in a local folder (also an external or network drive). Writes are atomic: the
// bytes go to a temporary file in the target directory, are fsynced, then renamed over the final
// name, and the directory is fsynced so the rename survives a power cut. A crash or an abort
// leaves at most a temporary file, which listings ignore and `put` never reuses.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';
import { DestinationError, abortedError } from './destination-error.ts';
import { checkedChunks, chunksOf, countedDownload, sourceFailureOf } from './object-body.ts';
import { TEMP_PREFIX, checkName, isTemporaryName, parentOf } from './object-name.ts';
import { makeFolder } from '../files/make-folder.ts';

export interface FolderDestinationOptions {
  name: string;
  path: string;
}

export class FolderDestination implements Destination {
  readonly name: string;
  readonly #root: string;

  constructor(options: FolderDestinationOptions) {
    this.name = options.name;
    this.#root = path.resolve(options.path);
  }

  async put(name: string, body: ObjectBody, options: PutOptions = {}): Promise<ObjectInfo> {
    const file = this.#file(name);
    const what = `saving "${name}"`;
    await this.#ensureRoot(what);
    const directory = path.dirname(file);
    await makeFolder(directory).catch((error: unknown) => this.#fail(error, what));
    const temporary = path.join(directory, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    const handle = await fs.open(temporary, 'wx').catch((error: unknown) => this.#fail(error, what));
    let size = 0;
    try {
      for await (const chunk of checkedChunks(chunksOf(body), { destination: this.name, what, size: options.size, signal: options.signal })) {
        await handle.write(chunk);
        size += chunk.byteLength;
      }
      await handle.sync();
      await handle.close();
      await fs.rename(temporary, file);
      await syncDirectory(directory);
    } catch (error) {
      await handle.close().catch(() => undefined); // Already closed after sync; the write error is the one to report.
      await fs.rm(temporary, { force: true });
      throw sourceFailureOf(error) ?? this.#mapped(error, what);
    }
    return { name, size, modified: new Date() };
  }

  async get(name: string, options: GetOptions = {}): Promise<Readable> {
    const file = this.#file(name);
    const what = `reading "${name}"`;
    const info = await this.stat(name);
    const start = options.range?.start ?? 0;
    const end = Math.min(options.range?.end ?? info.size - 1, info.size - 1);
    if (info.size === 0 || end < start) return countedDownload(empty(), 0, this.name, what);
    const stream = createReadStream(file, { start, end, signal: options.signal });
    return countedDownload(stream, end - start + 1, this.name, what);
  }

  async stat(name: string): Promise<ObjectInfo> {
    const file = this.#file(name);
    const info = await fs.stat(file).catch((error: unknown) => this.#fail(error, `looking up "${name}"`));
    if (!info.isFile()) throw new DestinationError('not-found', this.name, `looking up "${name}": no such object`);
    return { name, size: info.size, modified: info.mtime };
  }

  async *list(prefix: string, options: { signal?: AbortSignal } = {}): AsyncIterable<ObjectInfo> {
    await this.#ensureRoot(`listing "${prefix}"`);
    // Walk only the directory the prefix is inside: "a/b/c" lives under "a/b".
    const start = parentOf(prefix);
    const directory = start === '' ? this.#root : this.#file(start);
    yield* this.#walk(directory, start, prefix, options.signal);
  }

  async *#walk(directory: string, relative: string, prefix: string, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    if (signal?.aborted) throw abortedError(this.name, `listing "${prefix}"`, signal);
    const entries = await fs.readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      return this.#fail(error, `listing "${prefix}"`);
    });
    for (const entry of entries) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (isTemporaryName(name)) continue;
      if (entry.isDirectory()) {
        if (name.startsWith(prefix) || prefix.startsWith(`${name}/`)) yield* this.#walk(path.join(directory, entry.name), name, prefix, signal);
      } else if (entry.isFile() && name.startsWith(prefix)) {
        const info = await fs.stat(path.join(directory, entry.name)).catch(() => undefined); // Deleted since readdir: skip it.
        if (info !== undefined) yield { name, size: info.size, modified: info.mtime };
      }
    }
  }

  async delete(name: string): Promise<void> {
    await fs.unlink(this.#file(name)).catch((error: unknown) => this.#fail(error, `deleting "${name}"`));
  }

  async close(): Promise<void> {}

  #file(name: string): string {
    return path.join(this.#root, ...checkName(this.name, name).split('/'));
  }

  // A missing root means an unplugged drive, not an empty backup: say so instead of creating it.
  async #ensureRoot(what: string): Promise<void> {
    const info = await fs.stat(this.#root).catch(() => undefined); // Reported just below.
    if (info === undefined || !info.isDirectory()) {
      throw new DestinationError('invalid-config', this.name, `${what}: the folder ${this.#root} does not exist. Connect the drive or create the folder.`);
    }
  }

  #fail(error: unknown, what: string): never {
    throw this.#mapped(error, what);
  }

  #mapped(error: unknown, what: string): unknown {
    if (error instanceof DestinationError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'ABORT_ERR') return abortedError(this.name, what);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return new DestinationError('not-found', this.name, `${what}: no such object`, { cause: error });
    if (code === 'ENOSPC' || code === 'EDQUOT') return new DestinationError('no-space', this.name, `${what}: the disk is full. Free space on ${this.#root}.`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new DestinationError('forbidden', this.name, `${what}: not allowed to write in ${this.#root} (${code}). Check the folder's permissions.`, { cause: error });
    return new DestinationError('unavailable', this.name, `${what}: ${code ?? 'the disk failed'}; it will be tried again.`, { cause: error });
  }
}

async function* empty(): AsyncIterable<Uint8Array> {}

// fsync on a directory makes a rename durable on Linux; Windows cannot open directories for it.
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
