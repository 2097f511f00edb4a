// Bytes from a phone's adbd → ADB packets, checked the way adb checks them before trusting them
// (AOSP packages/modules/adb/transport.cpp, check_header / check_data): the magic must be the
// command's complement, the payload no larger than we allowed, and the command one we know.
// adbd zeroes data_check once both sides speak version 0x01000001 (adb.cpp, send_packet), so a
// non-zero check that does not match the payload is corruption, not an old phone.
import { AdbCommand, calculateChecksum, type AdbPacketData } from '@yume-chan/adb';
import { ownLanding, type ReadLanding } from '../../net/tcp.ts';
import { DeviceError } from '../errors.ts';

export const HEADER_SIZE = 24;
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

/**
 * Where a stream's WRTE payloads go instead of to Tango (see sync-lanes.ts): `packetStart` comes
 * with each WRTE's header, then `data` gets the payload's bytes as they arrive (valid only during
 * the call).
 */
export interface Lane {
  packetStart(): void;
  data(bytes: Uint8Array): void;
  /**
   * Memory for the next read, if the payload's next bytes have a place of their own (sync-lanes.ts):
   * `payloadLeft` bytes of this packet's payload remain, then a `trailer`-byte packet header.
   */
  landing?(payloadLeft: number, trailer: number): ReadLanding | undefined;
}

export interface LaneRegistry {
  /** The lane for WRTEs to this local stream id, if the stream has one. */
  claim(localId: number): Lane | undefined;
}

const A_WRTE = AdbCommand.Write;

/**
 * Packets out of a byte stream, checked; `feed` as bytes arrive, `end` when the stream ends.
 * Payloads of WRTEs that a lane claims are passed on as they arrive, without being gathered;
 * all others are copied into a payload of their own (the chunk fed in may be reused after).
 */
export class PacketParser {
  readonly #peer: string;
  readonly #lanes: LaneRegistry | undefined;
  readonly #headerBytes = new Uint8Array(HEADER_SIZE);
  #headerFill = 0;
  #header: PacketHeader | undefined;
  #lane: Lane | undefined;
  #payload: Uint8Array | undefined;
  #payloadFill = 0;
  /** Sum of a lane payload's bytes so far, when the header carries a checksum to compare. */
  #sum = 0;
  /** The last packet was a lane's: its stream's next packet likely follows. */
  #afterLane = false;

  constructor(peer: string, lanes?: LaneRegistry) {
    this.#peer = peer;
    this.#lanes = lanes;
  }

  feed(chunk: Uint8Array, onPacket: (packet: AdbPacketData) => void): void {
    let offset = 0;
    while (offset < chunk.length || (this.#header && this.#payloadFill === this.#header.payloadLength)) {
      const header = this.#header;
      if (!header) {
        const take = Math.min(HEADER_SIZE - this.#headerFill, chunk.length - offset);
        this.#headerBytes.set(chunk.subarray(offset, offset + take), this.#headerFill);
        this.#headerFill += take;
        offset += take;
        if (this.#headerFill < HEADER_SIZE) return;
        this.#headerFill = 0;
        this.#start(checkHeader(this.#headerBytes, this.#peer));
        continue;
      }
      if (this.#payloadFill === header.payloadLength) {
        this.#finish(header, onPacket);
        continue;
      }
      const take = Math.min(header.payloadLength - this.#payloadFill, chunk.length - offset);
      const piece = chunk.subarray(offset, offset + take);
      if (this.#lane) {
        if (header.checksum !== 0) this.#sum += calculateChecksum(piece);
        this.#lane.data(piece);
      } else {
        (this.#payload as Uint8Array).set(piece, this.#payloadFill);
      }
      this.#payloadFill += take;
      offset += take;
    }
  }

  /**
   * In the middle of a lane's payload, the lane may say where the next read should land (a file's
   * bytes, straight into place). Right after one, a header still missing bytes is read alone, into
   * its own buffer: read into the shared buffer, it would bring the next payload along, to be copied.
   */
  landing(): ReadLanding | undefined {
    const header = this.#header;
    if (!header) return this.#afterLane ? ownLanding(this.#headerBytes.subarray(this.#headerFill)) : undefined;
    const left = header.payloadLength - this.#payloadFill;
    return this.#lane && left > 0 ? this.#lane.landing?.(left, HEADER_SIZE) : undefined;
  }

  /** Throws when the stream ended in the middle of a packet. */
  end(): void {
    if (this.#header || this.#headerFill > 0) {
      throw new DeviceError('disconnected', `The connection to the phone at ${this.#peer} closed in the middle of a message.`);
    }
  }

  #start(header: PacketHeader): void {
    this.#header = header;
    this.#payloadFill = 0;
    this.#sum = 0;
    this.#lane = header.command === A_WRTE ? this.#lanes?.claim(header.arg1) : undefined;
    this.#lane?.packetStart();
    // Not zero-filled: every byte is copied over as it arrives.
    this.#payload = this.#lane || header.payloadLength === 0 ? undefined : Buffer.allocUnsafe(header.payloadLength);
  }

  #finish(header: PacketHeader, onPacket: (packet: AdbPacketData) => void): void {
    const lane = this.#lane;
    const payload = this.#payload ?? new Uint8Array(0);
    this.#header = undefined;
    this.#lane = undefined;
    this.#payload = undefined;
    const sum = lane ? this.#sum : header.checksum !== 0 ? calculateChecksum(payload) : 0;
    if (header.checksum !== 0 && sum >>> 0 !== header.checksum) throw corrupt(this.#peer, 'checksum mismatch');
    this.#afterLane = lane !== undefined;
    if (!lane) onPacket({ command: header.command, arg0: header.arg0, arg1: header.arg1, payload });
  }
}
