// The content-addressed store: every file's bytes once, at objects/<2 hex>/<62 hex> of its
// sha256, read-only. A download is written under .vitre/incoming/ while it is hashed (one pass,
// never a second read), flushed to disk, then renamed to its hash's name: a file under a final
// name is always whole. Same content twice (a file moved on the phone, or unchanged) costs
// nothing: the rename finds the object there and the download is dropped.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { incomingFolder, objectRelativePath } from './backup-folder.ts';
import { directCreateFlags, directWritesWork } from './direct-writes.ts';
import { BLOCK_SIZE, HashWriter, type Block } from './hash-writer.ts';
import type { ReadLanding } from '../device/index.ts';
import type { FromThread } from './hash-writer-messages.ts';
import { makeFolder } from '../files/make-folder.ts';

/**
 * Blocks one download may have at once: one being filled here, the others being hashed and
 * written on the thread. Past that the download waits, which holds back the phone. A large file
 * alone gets up to 64, so hashing and the disk each get ahead of the other by tens of megabytes
 * when the two cores are briefly taken, and the thread writes up to 32 at once (2 GiB backup,
 * alternating runs, backup time: 2.16–2.31 s with 64 blocks and writes of 32, 2.47–2.66 s with 16
 * and 8, 2.34–2.44 s with 48 and 16, 2.17–2.34 s with 96 and 64; earlier 16 beat 8 and 4). Many
 * files at once share BLOCKS_IN_ALL, the most the backup holds in memory (64 MiB).
 */
export const BLOCKS_PER_DOWNLOAD = 64;
const BLOCKS_IN_ALL = 64;

/** The thread's failure as the Error a write on this thread would have thrown (code kept: ENOSPC, EIO). */
function diskError(message: { message: string; code?: string }): Error {
  return Object.assign(new Error(message.message), message.code ? { code: message.code } : {});
}

/**
 * A download in progress: bytes go to a temporary file and into the hash together. Chunks fill
 * 1 MiB blocks (sha256 over 1 MiB updates ran 2.5× faster than over the phone's 64 KiB chunks):
 * received straight into the block where the connection can (landing), copied otherwise (the
 * transport reuses its buffers); each full block goes to the hash-writer thread, which hashes it
 * and writes it at its offset. Small files take full-size
 * blocks too: they come from the writer's spares and go back after, where a block sized to each
 * file was a fresh allocation per file (peak RSS of a 50,000-file first backup ~338 MB).
 */
export class IncomingObject {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #writer: HashWriter;
  /** The file is open for direct writes (direct-writes.ts). */
  readonly #direct: boolean;
  readonly #id: number;
  /** Slots handed back by the thread, ready to fill again. */
  readonly #free: number[] = [];
  #made = 0;
  #current: Block | undefined;
  #filled = 0;
  #sent = 0;
  #waiter: (() => void) | undefined;
  #failure: Error | undefined;
  #ended = false;
  #settled = false;
  /** The slot a connection may still be receiving into (landing), until it releases it. */
  #lent: number | undefined;
  #released = false;
  readonly #outcome: Promise<FromThread>;
  bytes = 0;

  constructor(path: string, handle: FileHandle, writer: HashWriter, direct: boolean) {
    this.path = path;
    this.#handle = handle;
    this.#writer = writer;
    this.#direct = direct;
    let settle: (message: FromThread) => void = () => undefined;
    this.#outcome = new Promise((resolve) => (settle = resolve));
    this.#id = writer.open((message) => {
      if (message.type === 'free') {
        // A block made past the bound (bytes that came after the phone was held back) goes back
        // to the writer's spares: kept here, every such pause grew the download by a block or two
        // for good (peak RSS of a 2 GiB backup ~300 MB instead of ~120 MB).
        if (this.#made > BLOCKS_PER_DOWNLOAD) {
          this.#made -= 1;
          this.#writer.giveBack(message.slot);
        } else {
          this.#free.push(message.slot);
        }
        // A failed write stops the download at its next chunk, not at its end.
        if (message.failed) this.#failure ??= diskError(message.failed);
      } else {
        if (message.type === 'failed') this.#failure ??= diskError(message);
        this.#settled = true;
        settle(message);
      }
      this.#wake();
    });
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (!this.take(chunk)) await this.ready();
  }

  /**
   * Copies `chunk` into blocks now (it may be reused once this returns). Returns false once the
   * download holds all its blocks: the caller then waits for `ready()` before giving more. A
   * chunk that arrives when no block is free still gets one, so at most one chunk's worth goes
   * past the bound before the caller stops.
   */
  take(chunk: Uint8Array): boolean {
    if (this.#failure) throw this.#failure;
    if (this.#inPlace(chunk)) {
      this.#filled += chunk.length;
      if (this.#filled === BLOCK_SIZE) this.#send();
    } else {
      let offset = 0;
      while (offset < chunk.length) {
        this.#current ??= this.#blockNow();
        const taken = Math.min(chunk.length - offset, BLOCK_SIZE - this.#filled);
        this.#current.bytes.set(chunk.subarray(offset, offset + taken), this.#filled);
        this.#filled += taken;
        offset += taken;
        if (this.#filled === BLOCK_SIZE) this.#send();
      }
    }
    this.bytes += chunk.length;
    return this.#hasRoom();
  }

  /**
   * The current block's free part (at most `most` bytes) for a connection to receive the next
   * bytes into (ReadInto in net/tcp.ts), so take() finds them in place: copying each byte into
   * shared memory cost a 2 GiB backup ~0.6 CPU-s on the thread that reads the phone. Whatever
   * lands past the bytes taken is overwritten by the next. Undefined when the download cannot
   * take more now (the bytes then come the usual way).
   */
  landing(most: number): ReadLanding | undefined {
    if (this.#failure || this.#ended || this.#lent !== undefined || most <= 0) return undefined;
    if (!this.#current && !this.#hasRoom()) return undefined;
    const block = (this.#current ??= this.#blockNow());
    this.#lent = block.slot;
    return {
      bytes: block.bytes.subarray(this.#filled, this.#filled + Math.min(most, BLOCK_SIZE - this.#filled)),
      release: () => this.#unlend(block.slot),
    };
  }

  /** The bytes already sit where they belong: received into a landing. */
  #inPlace(chunk: Uint8Array): boolean {
    const current = this.#current;
    return (
      current !== undefined &&
      chunk.buffer === current.bytes.buffer &&
      chunk.byteOffset === current.bytes.byteOffset + this.#filled &&
      chunk.length <= BLOCK_SIZE - this.#filled
    );
  }

  #unlend(slot: number): void {
    if (this.#lent !== slot) return;
    this.#lent = undefined;
    // The download ended while the connection could still write there: the slot is free only now.
    if (this.#released) this.#writer.giveBack(slot);
  }

  /** Resolves once a block is free again; rejects with the disk's error if a write failed. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (this.#hasRoom()) return;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
  }

  /** Waits for every block to be hashed and written, flushes to disk and closes; returns "sha256:<hex>". */
  async finish(): Promise<string> {
    if (this.#filled > 0) this.#send();
    this.#end('end');
    const outcome = await this.#outcome;
    this.#release();
    if (outcome.type !== 'done') throw this.#failure ?? new Error('the download was dropped');
    await this.#handle.sync();
    await this.#handle.close();
    return outcome.hash;
  }

  async discard(): Promise<void> {
    if (!this.#ended) {
      this.#end('drop');
      await this.#outcome; // no write of this download may still be running when its file is removed
    }
    this.#release();
    await this.#handle.close().catch(() => {
      // Already closed by finish(): only the file is left to remove.
    });
    await rm(this.path, { force: true });
  }

  /** A block is at hand for the next chunk (the current one may be nearly full). */
  #hasRoom(): boolean {
    if (this.#free.length > 0) return true;
    if (this.#made >= BLOCKS_PER_DOWNLOAD) return false;
    // Past the shared bound, only a download with no block on the thread may take one more: the
    // thread handing a block back is what wakes a waiting download, and it has none to hand back.
    const onThread = this.#made - this.#free.length - (this.#current ? 1 : 0);
    return this.#writer.blocksInUse < BLOCKS_IN_ALL || onThread === 0;
  }

  /** A free block, or a new one (past the bound only for the chunk being taken, see take). */
  #blockNow(): Block {
    const free = this.#free.pop();
    if (free !== undefined) return this.#writer.blockAt(free);
    this.#made += 1;
    return this.#writer.block();
  }

  #send(): void {
    const block = this.#current!;
    this.#current = undefined;
    this.#writer.post({ type: 'block', id: this.#id, fd: this.#handle.fd, slot: block.slot, length: this.#filled, position: this.#sent, direct: this.#direct });
    this.#sent += this.#filled;
    this.#filled = 0;
  }

  #end(how: 'end' | 'drop'): void {
    this.#ended = true;
    // Settled already when the thread was lost: there is nobody to tell.
    if (!this.#settled) this.#writer.post({ type: how, id: this.#id });
  }

  /** Hands the blocks back for the next download; the thread has returned them all by now. */
  #release(): void {
    this.#released = true;
    this.#writer.close(this.#id);
    if (this.#current && this.#current.slot !== this.#lent) this.#free.push(this.#current.slot);
    this.#current = undefined;
    for (const slot of this.#free.splice(0)) this.#writer.giveBack(slot);
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}

export interface StoredObject {
  hash: string;
  /** Relative to the backup folder. */
  object: string;
  size: number;
}

export class ObjectStore {
  readonly #root: string;
  readonly #incoming: string;
  readonly #madeFolders = new Set<string>();
  readonly #unsyncedFolders = new Set<string>();
  readonly #writer = new HashWriter();
  /** Whether files are written past the page cache; decided by open() (direct-writes.ts). */
  #direct = false;
  #directDecided: boolean;

  /** `directWrites: false` writes through the page cache even where direct writes work. */
  constructor(backupFolder: string, options: { directWrites?: boolean } = {}) {
    this.#root = backupFolder;
    this.#incoming = incomingFolder(backupFolder);
    this.#directDecided = options.directWrites === false;
  }

  /** Megabytes of memory the store holds for downloads (1 MiB blocks, in use or kept for the next). */
  get memoryMiB(): number {
    return (this.#writer.slotsMade * BLOCK_SIZE) / (1024 * 1024);
  }

  /** Files are written past the page cache (known once open() has run). */
  get writesDirectly(): boolean {
    return this.#direct;
  }

  /** Creates the folders, removes downloads a crash left behind (never under a final name), and starts the writing thread. */
  async open(): Promise<void> {
    this.#writer.start();
    await makeFolder(this.#incoming);
    for (const name of await readdir(this.#incoming)) {
      if (name.endsWith('.partial')) await rm(join(this.#incoming, name), { force: true, recursive: true });
    }
    if (!this.#directDecided) {
      const unit = this.#writer.block();
      try {
        this.#direct = this.#writer.alignedBlocks && (await directWritesWork(this.#incoming, unit.bytes.subarray(0, 4096)));
      } finally {
        this.#writer.giveBack(unit.slot);
      }
      this.#directDecided = true;
    }
  }

  async create(): Promise<IncomingObject> {
    const path = join(this.#incoming, `${randomBytes(8).toString('hex')}.partial`);
    // Created read-only (the descriptor still writes): nothing in Vitre rewrites an object, and a
    // stray edit is refused by the OS. Saves a chmod per file.
    const flags = (this.#direct && directCreateFlags()) || 'wx';
    return new IncomingObject(path, await open(path, flags, 0o444), this.#writer, flags !== 'wx');
  }

  /** Moves a finished download under its hash's name (or drops it if the content is stored). */
  async commit(incoming: IncomingObject, hash: string): Promise<StoredObject> {
    const object = objectRelativePath(hash);
    const target = join(this.#root, object);
    const folder = dirname(target);
    if (!this.#madeFolders.has(folder)) {
      await makeFolder(folder);
      this.#madeFolders.add(folder);
    }
    // Same content already stored: renaming over it is atomic and changes no byte, and costs one
    // call where checking first costs two (small files are dominated by such calls).
    await rename(incoming.path, target);
    this.#unsyncedFolders.add(folder);
    return { hash, object, size: incoming.bytes };
  }

  /** Stores a local file Vitre wrote (an export), hashing it on the way in. */
  async storeFile(file: string): Promise<StoredObject> {
    const incoming = await this.create();
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: BLOCK_SIZE })) await incoming.write(chunk as Buffer);
      return await this.commit(incoming, await incoming.finish());
    } catch (error) {
      await incoming.discard();
      throw error;
    }
  }

  /** Makes the renames durable: call before recording the entries that point at new objects. */
  async syncFolders(): Promise<void> {
    const folders = [...this.#unsyncedFolders];
    this.#unsyncedFolders.clear();
    await Promise.all(folders.map(syncFolder));
  }

  /** Stops the hash-writer thread (started again if the store is used after). */
  close(): Promise<void> {
    return this.#writer.stop();
  }

  path(object: string): string {
    return join(this.#root, object);
  }
}

export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
