// A WebDAV destination (Nextcloud, ownCloud, Synology, Apache mod_dav, rclone) through the
// `webdav` client, handed the agents of main/core/net. Uploads stream to a temporary name in the
// target collection and are then MOVEd over the final name: servers differ on whether an
// interrupted PUT leaves a partial file (rclone's VFS can; Apache writes to a temporary file),
// and the MOVE makes the result the same everywhere. Missing collections are created (MKCOL,
// parents first) and remembered, so a backup does not pay one MKCOL per object.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AuthType, createClient, type FileStat, type WebDAVClient } from 'webdav';
import { createHttpAgents, type HttpAgents } from '../net/http-transport.ts';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';
import { DestinationError } from './destination-error.ts';
import { checkedChunks, chunksOf, countedDownload, sourceFailureOf } from './object-body.ts';
import { TEMP_PREFIX, checkName, isTemporaryName, parentOf } from './object-name.ts';
import { sliceDownload, webdavError } from './webdav-support.ts';

export interface WebdavDestinationOptions {
  name: string;
  /** The collection that holds the backup, e.g. https://cloud.example/remote.php/dav/files/me/Vitre */
  url: string;
  username: string;
  password: string;
}

export class WebdavDestination implements Destination {
  readonly name: string;
  readonly #client: WebDAVClient;
  readonly #agents: HttpAgents;
  readonly #secrets: string[];
  readonly #collections = new Map<string, Promise<void>>();

  constructor(options: WebdavDestinationOptions) {
    this.name = options.name;
    this.#secrets = [options.password];
    this.#agents = createHttpAgents();
    this.#client = createClient(options.url.replace(/\/+$/, ''), {
      authType: AuthType.Password,
      username: options.username,
      password: options.password,
      httpAgent: this.#agents.httpAgent,
      httpsAgent: this.#agents.httpsAgent,
    });
  }

  async put(name: string, body: ObjectBody, options: PutOptions = {}): Promise<ObjectInfo> {
    const what = `saving "${name}"`;
    const path = this.#path(name);
    const parent = parentOf(name);
    const { size, signal } = options;
    await this.#ensureCollection(parent, what, signal);
    const temporary = `${parent === '' ? '' : `/${parent}`}/${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
    let sent = 0;
    const counting = Readable.from(counted(checkedChunks(chunksOf(body), { destination: this.name, what, size, signal }), (bytes) => (sent += bytes)), { objectMode: false });
    try {
      await this.#client.putFileContents(temporary, counting, {
        overwrite: true,
        headers: size === undefined ? {} : { 'Content-Length': String(size) },
        signal,
      });
      if (counting.errored !== null) throw counting.errored;
      await this.#client.moveFile(temporary, path, { overwrite: true, signal });
    } catch (error) {
      counting.destroy();
      // Best effort: the temporary object is invisible to listings either way.
      await this.#client.deleteFile(temporary).catch(() => undefined);
      throw sourceFailureOf(counting.errored ?? error) ?? webdavError(this.name, what, counting.errored ?? error, this.#secrets, signal);
    }
    return { name, size: size ?? sent, modified: new Date() };
  }

  async get(name: string, options: GetOptions = {}): Promise<Readable> {
    const what = `reading "${name}"`;
    const { range, signal } = options;
    const headers: Record<string, string> = range === undefined ? {} : { Range: `bytes=${range.start}-${range.end ?? ''}` };
    try {
      const response = await this.#client.customRequest(this.#path(name), { method: 'GET', headers, signal });
      const body = (response as unknown as { body: Readable | null }).body;
      const length = response.headers.get('content-length');
      const expected = length === null ? undefined : Number(length);
      if (body === null) return countedDownload(noBytes(), 0, this.name, what);
      // A server that ignores Range answers 200 with the whole object: cut it here.
      if (range !== undefined && response.status === 200) return sliceDownload(body, range, expected, this.name, what);
      return countedDownload(body, expected, this.name, what);
    } catch (error) {
      throw webdavError(this.name, what, error, this.#secrets, signal);
    }
  }

  async stat(name: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    const what = `looking up "${name}"`;
    let stat: FileStat;
    try {
      stat = (await this.#client.stat(this.#path(name), { signal: options.signal })) as FileStat;
    } catch (error) {
      throw webdavError(this.name, what, error, this.#secrets, options.signal);
    }
    if (stat.type !== 'file') throw new DestinationError('not-found', this.name, `${what}: no such object`);
    return infoOf(name, stat);
  }

  async *list(prefix: string, options: { signal?: AbortSignal } = {}): AsyncIterable<ObjectInfo> {
    yield* this.#walk(parentOf(prefix), prefix, options.signal);
  }

  // Depth: infinity is off by default on Apache (DavDepthInfinity) and Nextcloud: walk with Depth 1.
  async *#walk(collection: string, prefix: string, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    let entries: FileStat[];
    try {
      entries = (await this.#client.getDirectoryContents(collection === '' ? '/' : `/${collection}`, { signal })) as FileStat[];
    } catch (error) {
      const mapped = webdavError(this.name, `listing "${prefix}"`, error, this.#secrets, signal);
      if (mapped.kind === 'not-found') return;
      throw mapped;
    }
    for (const entry of entries) {
      const name = collection === '' ? entry.basename : `${collection}/${entry.basename}`;
      if (isTemporaryName(name)) continue;
      if (entry.type === 'directory') {
        this.#collections.set(name, Promise.resolve());
        if (name.startsWith(prefix) || prefix.startsWith(`${name}/`)) yield* this.#walk(name, prefix, signal);
      } else if (name.startsWith(prefix)) {
        yield infoOf(name, entry);
      }
    }
  }

  async delete(name: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      await this.#client.deleteFile(this.#path(name), { signal: options.signal });
    } catch (error) {
      throw webdavError(this.name, `deleting "${name}"`, error, this.#secrets, options.signal);
    }
  }

  async close(): Promise<void> {
    this.#agents.close();
  }

  #path(name: string): string {
    return `/${checkName(this.name, name)}`;
  }

  // Concurrent puts into one new collection share one MKCOL: Apache answers a second, racing
  // MKCOL of the same collection with 403 rather than 405 (measured against mod_dav_fs).
  #ensureCollection(collection: string, what: string, signal?: AbortSignal): Promise<void> {
    let pending = this.#collections.get(collection);
    if (pending === undefined) {
      pending = this.#createCollection(collection, what, signal);
      this.#collections.set(collection, pending);
      pending.catch(() => this.#collections.delete(collection)); // Failed: the next put tries again.
    }
    return pending;
  }

  async #createCollection(collection: string, what: string, signal?: AbortSignal): Promise<void> {
    // The destination's own collection is created too ("Vitre" in the user's files), not its parents.
    if (collection !== '') await this.#ensureCollection(parentOf(collection), what, signal);
    const path = collection === '' ? '/' : `/${collection}`;
    try {
      await this.#client.customRequest(path, { method: 'MKCOL', signal });
    } catch (error) {
      // 405 Method Not Allowed is RFC 4918's answer to MKCOL on an existing collection (9.3.1);
      // any other refusal is checked against what is really there (another client may have won).
      const status = (error as { status?: number }).status;
      if (status === 405) return;
      const existing = await this.#client.stat(path, { signal }).catch(() => undefined); // Not there: report the MKCOL error.
      if ((existing as FileStat | undefined)?.type === 'directory') return;
      throw webdavError(this.name, what, error, this.#secrets, signal);
    }
  }
}

function infoOf(name: string, stat: FileStat): ObjectInfo {
  const etag = stat.etag === null || stat.etag === '' ? undefined : stat.etag.replace(/^W\//, '').replace(/"/g, '');
  const modified = stat.lastmod === '' ? undefined : new Date(stat.lastmod);
  return { name, size: stat.size, ...(etag === undefined ? {} : { etag }), ...(modified === undefined ? {} : { modified }) };
}

async function* noBytes(): AsyncIterable<Uint8Array> {}

async function* counted(chunks: AsyncIterable<Uint8Array>, onChunk: (bytes: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    onChunk(chunk.byteLength);
    yield chunk;
  }
}
