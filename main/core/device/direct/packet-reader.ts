// Bytes from a phone's adbd → ADB packets, checked the way adb checks them before trusting them
// (AOSP packages/modules/adb/transport.cpp, check_header / check_data): the magic must be the
// command's complement, the payload no larger than we allowed, and the command one we know.
// adbd zeroes data_check once both sides speak version 0x01000001 (adb.cpp, send_packet), so a
// non-zero check that does not match the payload is corruption, not an old phone.
import { AdbCommand, calculateChecksum, type AdbPacketData } from '@yume-chan/adb';
import { TransformStream } from '@yume-chan/stream-extra';
import { DeviceError } from '../errors.ts';

const HEADER_SIZE = 24;
/** The largest payload we announce in CNXN (adb's MAX_PAYLOAD, 1 MiB). */
export const MAX_PAYLOAD = 1024 * 1024;
const STLS = 0x534c5453;
const KNOWN_COMMANDS = new Set<number>([...Object.values(AdbCommand), STLS]);

export interface PacketHeader {
  command: number;
  arg0: number;
  arg1: number;
  payloadLength: number;
  checksum: number;
}

function corrupt(peer: string, detail: string): DeviceError {
  return new DeviceError(
    'protocol',
    `The phone at ${peer} sent a damaged message (${detail}). Reconnect it; if this repeats, the connection or the phone's adb is faulty.`,
  );
}

export function checkHeader(bytes: Uint8Array, peer: string): PacketHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  const command = view.getUint32(0, true);
  const magic = view.getUint32(20, true);
  if ((command ^ 0xffffffff) >>> 0 !== magic) throw corrupt(peer, 'bad magic');
  if (!KNOWN_COMMANDS.has(command)) throw corrupt(peer, `unknown command 0x${command.toString(16)}`);
  const payloadLength = view.getUint32(12, true);
  if (payloadLength > MAX_PAYLOAD) throw corrupt(peer, `payload of ${payloadLength} bytes`);
  return {
    command,
    arg0: view.getUint32(4, true),
    arg1: view.getUint32(8, true),
    payloadLength,
    checksum: view.getUint32(16, true),
  };
}

/** A byte queue that hands out exact-length slices without copying more than needed. */
class ByteQueue {
  #chunks: Uint8Array[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  take(count: number): Uint8Array {
    const first = this.#chunks[0] as Uint8Array;
    if (first.length >= count) {
      const out = first.subarray(0, count);
      if (first.length === count) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(count);
      this.#length -= count;
      return out;
    }
    // Not zero-filled: every byte is copied over just below (a 1 MiB payload spans ~16 socket reads).
    const out: Uint8Array = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.#chunks[0] as Uint8Array;
      const part = Math.min(chunk.length, count - filled);
      out.set(chunk.subarray(0, part), filled);
      filled += part;
      if (part === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(part);
    }
    this.#length -= count;
    return out;
  }
}

/** Packets out of a byte stream, checked; `feed` as bytes arrive, `end` when the stream ends. */
export class PacketParser {
  readonly #peer: string;
  readonly #queue = new ByteQueue();
  #header: PacketHeader | undefined;

  constructor(peer: string) {
    this.#peer = peer;
  }

  feed(chunk: Uint8Array, onPacket: (packet: AdbPacketData) => void): void {
    const queue = this.#queue;
    queue.push(chunk);
    for (;;) {
      if (!this.#header) {
        if (queue.length < HEADER_SIZE) return;
        this.#header = checkHeader(queue.take(HEADER_SIZE), this.#peer);
      }
      const header = this.#header;
      if (queue.length < header.payloadLength) return;
      const payload = header.payloadLength === 0 ? new Uint8Array(0) : queue.take(header.payloadLength);
      if (header.checksum !== 0 && calculateChecksum(payload) >>> 0 !== header.checksum) {
        throw corrupt(this.#peer, 'checksum mismatch');
      }
      this.#header = undefined;
      onPacket({ command: header.command, arg0: header.arg0, arg1: header.arg1, payload });
    }
  }

  /** Throws when the stream ended in the middle of a packet. */
  end(): void {
    if (this.#header || this.#queue.length > 0) {
      throw new DeviceError('disconnected', `The connection to the phone at ${this.#peer} closed in the middle of a message.`);
    }
  }
}

export class AdbPacketReader extends TransformStream<Uint8Array, AdbPacketData> {
  constructor(peer: string) {
    const parser = new PacketParser(peer);
    super({
      transform: (chunk, controller) => parser.feed(chunk, (packet) => controller.enqueue(packet)),
      flush: () => parser.end(),
    });
  }
}
