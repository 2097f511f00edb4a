// Sends packets to the host without copying payloads (header and payload pieces go out as one
// corked writev), and applies the phone's transport fault switches on the way out.
import type { TcpSocket } from '../../net/tcp.ts';
import type { PhoneFaults } from '../options.ts';
import { A_VERSION_MIN, A_VERSION_SKIP_CHECKSUM, checksum, encodeHeader } from './protocol.ts';

export class PacketWriter {
  readonly #socket: TcpSocket;
  readonly #faults: PhoneFaults;
  #sentBytes = 0;
  #sentPackets = 0;
  /** Set once a fault switch fired: nothing more goes out. */
  #stopped = false;
  #drained: Promise<void> | undefined;
  /** Protocol version in force; checksums are only computed below A_VERSION_SKIP_CHECKSUM. */
  version = A_VERSION_MIN;

  constructor(socket: TcpSocket, faults: PhoneFaults) {
    this.#socket = socket;
    this.#faults = faults;
  }

  /** Resolves when the socket can take more; stream writers wait here (backpressure). */
  whenWritable(): Promise<void> {
    return this.#drained ?? Promise.resolve();
  }

  send(command: number, arg0: number, arg1: number, payload: readonly Uint8Array[] = []): void {
    if (this.#stopped || this.#socket.destroyed) return;
    let length = 0;
    for (const part of payload) length += part.length;
    // Until the host reads our CNXN its version is A_VERSION_MIN and it checks data_check (adb.cpp
    // check_data); after that only a host that negotiated 0x01000000 still does.
    const check = this.version < A_VERSION_SKIP_CHECKSUM ? checksum(payload) : 0;
    let pieces: Uint8Array[] = [encodeHeader(command, arg0, arg1, length, check), ...payload];
    this.#sentPackets++;
    if (this.#faults.corruptPacket === this.#sentPackets) pieces = corrupt(pieces);
    this.#write(pieces, length + pieces[0]!.length);
  }

  #write(pieces: Uint8Array[], total: number): void {
    const limit = Math.min(this.#faults.dropAfterBytes ?? Infinity, this.#faults.stallAfterBytes ?? Infinity);
    let toSend = pieces;
    if (this.#sentBytes + total > limit) toSend = truncate(pieces, limit - this.#sentBytes);
    const socket = this.#socket;
    socket.cork();
    let accepted = true;
    for (const piece of toSend) if (piece.length > 0) accepted = socket.write(piece);
    socket.uncork();
    this.#sentBytes += Math.min(total, limit - this.#sentBytes);
    if (this.#sentBytes >= limit) {
      this.#stopped = true;
      // Drop: flush what was allowed, then close. Stall: keep the socket open, silent.
      if (this.#sentBytes >= (this.#faults.dropAfterBytes ?? Infinity)) socket.end(() => socket.destroy());
      return;
    }
    if (!accepted && this.#drained === undefined) {
      this.#drained = new Promise((resolve) => {
        const done = () => {
          this.#drained = undefined;
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
  }
}

/**
 * Flips the top byte of data_length. adb 29 then refuses the packet as oversized and drops the
 * connection (transport.cpp FdConnection::Read, "read overflow"); a flipped magic or command byte
 * is only skipped by adb (check_header fails, the packet is dropped) and the stream just stalls,
 * which the stall switch already covers.
 */
function corrupt(pieces: Uint8Array[]): Uint8Array[] {
  const header = Buffer.from(pieces[0]!);
  header[15] = header[15]! ^ 0xff;
  return [header, ...pieces.slice(1)];
}

function truncate(pieces: Uint8Array[], budget: number): Uint8Array[] {
  const kept: Uint8Array[] = [];
  let left = Math.max(0, budget);
  for (const piece of pieces) {
    if (left === 0) break;
    kept.push(piece.length <= left ? piece : piece.subarray(0, left));
    left -= Math.min(left, piece.length);
  }
  return kept;
}
