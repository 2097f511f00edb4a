// The reply to a sync LIS2 (list a folder, v2), parsed as bytes arrive: one DNT2 record per
// entry (a fixed 76-byte header, then the name), then DONE (a header of the same size), or FAIL
// (AOSP daemon/file_sync_service.cpp do_list_v2, file_sync_protocol.h syncmsg.dent_v2). Parsing
// in place, with plain numbers, keeps a 50,000-file folder from costing a promise and a dozen
// BigInts per entry.
import { DeviceError } from '../errors.ts';
import { RecvFailure } from './recv-parser.ts';

const ID_DNT2 = 0x32544e44; // 'DNT2' little-endian
const ID_DONE = 0x454e4f44; // 'DONE'
const ID_FAIL = 0x4c494146; // 'FAIL'
/** id, error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime, namelen. */
const DENT_V2_SIZE = 76;
/** A FAIL message is a short strerror text; a longer one is garbage. */
const MAX_FAIL = 64 * 1024;
/** Linux names are at most 255 bytes (NAME_MAX); a phone claiming far more is not adbd. */
const MAX_NAME = 4096;

export interface ListedEntry {
  /** One name as the phone reported it (a hostile phone may put '/', '..' or NUL here). */
  name: string;
  mode: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

const utf8 = new TextDecoder();

export class ListParser {
  /** Bytes of the record being assembled (header, then name); a FAIL collects its message here too. */
  #pending = new Uint8Array(DENT_V2_SIZE);
  #filled = 0;
  /** Bytes the current record needs in all. */
  #need = 4;
  #done = false;
  readonly #peer: string;

  constructor(peer: string) {
    this.#peer = peer;
  }

  get done(): boolean {
    return this.#done;
  }

  /** Parses one received chunk, handing entries to `onEntry`. Throws RecvFailure (FAIL) or DeviceError. */
  feed(chunk: Uint8Array, onEntry: (entry: ListedEntry) => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#done) throw this.#damaged('bytes after DONE');
      const take = Math.min(this.#need - this.#filled, chunk.length - offset);
      this.#pending.set(chunk.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#need) this.#step(onEntry);
    }
  }

  /** A record part is complete: decide how much more it needs, or hand it on. */
  #step(onEntry: (entry: ListedEntry) => void): void {
    const view = new DataView(this.#pending.buffer, this.#pending.byteOffset, this.#filled);
    const id = view.getUint32(0, true);
    if (id === ID_FAIL) {
      if (this.#need === 4) return this.#grow(8);
      const length = view.getUint32(4, true);
      if (length > MAX_FAIL) throw this.#damaged(`a FAIL message of ${length} bytes`);
      if (this.#need === 8 && length > 0) return this.#grow(8 + length);
      throw new RecvFailure(utf8.decode(this.#pending.subarray(8, 8 + length)) || 'list failed');
    }
    if (id !== ID_DNT2 && id !== ID_DONE) throw this.#damaged(`unexpected reply 0x${id.toString(16)}`);
    if (this.#need < DENT_V2_SIZE) return this.#grow(DENT_V2_SIZE);
    if (id === ID_DONE) {
      this.#done = true;
      return;
    }
    const nameLength = view.getUint32(72, true);
    if (nameLength > MAX_NAME) throw this.#damaged(`a name of ${nameLength} bytes`);
    if (this.#need === DENT_V2_SIZE && nameLength > 0) return this.#grow(DENT_V2_SIZE + nameLength);
    // An entry whose lstat failed on the phone carries only its name: skipped, as adb does.
    if (view.getUint32(4, true) === 0) {
      onEntry({
        name: utf8.decode(this.#pending.subarray(DENT_V2_SIZE, DENT_V2_SIZE + nameLength)),
        mode: view.getUint32(24, true),
        size: Number(view.getBigUint64(40, true)),
        mtime: Number(view.getBigUint64(56, true)),
      });
    }
    this.#filled = 0;
    this.#need = 4;
  }

  #grow(need: number): void {
    if (need > this.#pending.length) {
      const larger = new Uint8Array(Math.max(need, this.#pending.length * 2));
      larger.set(this.#pending.subarray(0, this.#filled));
      this.#pending = larger;
    }
    this.#need = need;
  }

  #damaged(detail: string): DeviceError {
    return new DeviceError(
      'protocol',
      `${this.#peer} sent a damaged folder listing (${detail}). Reconnect the phone; if this repeats, the connection or the phone's adb is faulty.`,
    );
  }
}

/** The LIS2 request for `path` (id, u32 length, path bytes). */
export function listRequest(path: string): Uint8Array {
  const name = Buffer.from(path, 'utf8');
  const request = Buffer.allocUnsafe(8 + name.length);
  request.write('LIS2', 0, 'latin1');
  request.writeUInt32LE(name.length, 4);
  name.copy(request, 8);
  return request;
}
