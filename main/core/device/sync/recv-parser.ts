// The reply to a sync RECV, parsed as bytes arrive: `DATA len bytes` chunks, then `DONE`, or
// `FAIL len message` (AOSP daemon/file_sync_service.cpp do_recv; the client side is
// client/file_sync_client.cpp sync_recv_v1). File bytes are handed on as views of the received
// chunk, valid during the `onData` call; only an 8-byte header split across two chunks is copied.
import { ownLanding, type ReadLanding } from '../../net/tcp.ts';
import { DeviceError } from '../errors.ts';

/** id and length, before each reply's body. */
export const SYNC_HEADER_SIZE = 8;
const ID_DATA = 0x41544144; // 'DATA' little-endian
const ID_DONE = 0x454e4f44; // 'DONE'
const ID_FAIL = 0x4c494146; // 'FAIL'
/** adbd sends at most 64 KiB per DATA (SYNC_DATA_MAX); anything far above that is not adbd. */
const MAX_DATA = 1024 * 1024;
/** A FAIL message is a short strerror text; a longer one is garbage. */
const MAX_FAIL = 64 * 1024;

/** The phone answered RECV with FAIL: a reply about the file, not about the connection. */
export class RecvFailure extends Error {
  override readonly name = 'AdbSyncError';
}

export class RecvParser {
  readonly #header = new Uint8Array(8);
  readonly #view = new DataView(this.#header.buffer);
  #headerFill = 0;
  /** File bytes still to come in the current DATA. */
  #dataLeft = 0;
  /** Pieces of a FAIL message being collected, and how much is still missing. */
  #fail: { pieces: Uint8Array[]; left: number } | undefined;
  #done = false;
  readonly #peer: string;

  constructor(peer: string) {
    this.#peer = peer;
  }

  /** File bytes still to come in the current DATA chunk (0 between chunks). */
  get dataLeft(): number {
    return this.#dataLeft;
  }

  /**
   * Between DATA chunks, the next header's missing bytes: a read into them takes only the header,
   * so the read after can land the chunk's bytes in place (pull.ts).
   */
  headerLanding(): ReadLanding | undefined {
    if (this.#done || this.#fail || this.#dataLeft > 0) return undefined;
    return ownLanding(this.#header.subarray(this.#headerFill));
  }

  /** True once DONE arrived: the file is complete. */
  get done(): boolean {
    return this.#done;
  }

  /** Parses one received chunk, handing file bytes to `onData`. Throws RecvFailure or DeviceError. */
  feed(chunk: Uint8Array, onData: (bytes: Uint8Array) => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#done) throw this.#damaged('bytes after DONE');
      if (this.#dataLeft > 0) {
        const take = Math.min(this.#dataLeft, chunk.length - offset);
        onData(chunk.subarray(offset, offset + take));
        this.#dataLeft -= take;
        offset += take;
      } else if (this.#fail) {
        const take = Math.min(this.#fail.left, chunk.length - offset);
        this.#fail.pieces.push(chunk.slice(offset, offset + take)); // kept past this call: a copy
        this.#fail.left -= take;
        offset += take;
        if (this.#fail.left === 0) this.#failed();
      } else {
        const take = Math.min(8 - this.#headerFill, chunk.length - offset);
        this.#header.set(chunk.subarray(offset, offset + take), this.#headerFill);
        this.#headerFill += take;
        offset += take;
        if (this.#headerFill === 8) this.#onHeader();
      }
    }
  }

  #onHeader(): void {
    this.#headerFill = 0;
    const id = this.#view.getUint32(0, true);
    const length = this.#view.getUint32(4, true);
    if (id === ID_DATA) {
      if (length > MAX_DATA) throw this.#damaged(`a DATA chunk of ${length} bytes`);
      this.#dataLeft = length;
    } else if (id === ID_DONE) {
      this.#done = true;
    } else if (id === ID_FAIL) {
      if (length > MAX_FAIL) throw this.#damaged(`a FAIL message of ${length} bytes`);
      this.#fail = { pieces: [], left: length };
      if (length === 0) this.#failed();
    } else {
      throw this.#damaged(`unexpected reply 0x${id.toString(16)}`);
    }
  }

  #failed(): never {
    const message = Buffer.concat(this.#fail?.pieces ?? []).toString('utf8');
    throw new RecvFailure(message || 'read failed');
  }

  #damaged(detail: string): DeviceError {
    return new DeviceError(
      'protocol',
      `${this.#peer} sent a damaged file transfer (${detail}). Reconnect the phone; if this repeats, the connection or the phone's adb is faulty.`,
    );
  }
}

/**
 * QUIT: the session ends after the request being answered (the phone reads requests one after
 * another, so a QUIT sent during a RECV waits until the file's DONE has gone out). `adb pull`
 * sends it as its last request too (client/file_sync_client.cpp).
 */
export const QUIT_REQUEST: Uint8Array = Uint8Array.of(0x51, 0x55, 0x49, 0x54, 0, 0, 0, 0); // 'QUIT', length 0

/** The RECV request for `path` (AOSP file_sync_protocol.h: id, u32 length, path bytes). */
export function recvRequest(path: string): Uint8Array {
  const name = Buffer.from(path, 'utf8');
  const request = Buffer.allocUnsafe(8 + name.length);
  request.write('RECV', 0, 'latin1');
  request.writeUInt32LE(name.length, 4);
  name.copy(request, 8);
  return request;
}
