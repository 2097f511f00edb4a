// Cuts the byte stream from the host into packets, checking what adbd checks before it trusts
// a packet (AOSP adb transport.cpp: check_header / check_data).
import { DaemonError } from './errors.ts';
import { HEADER_SIZE, checksum, commandName, decodeHeader } from './protocol.ts';
import type { Packet, PacketHeader } from './protocol.ts';

export interface ParserLimits {
  /** Largest payload accepted: MAX_PAYLOAD before CNXN, the negotiated maxdata after. */
  maxPayload(): number;
  /** Whether data_check must match (protocol version below A_VERSION_SKIP_CHECKSUM). */
  checksRequired(): boolean;
}

export class PacketParser {
  readonly #limits: ParserLimits;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #header: PacketHeader | undefined;

  constructor(limits: ParserLimits) {
    this.#limits = limits;
  }

  /** Feeds bytes; returns every packet they complete. Throws DaemonError on a malformed packet. */
  push(chunk: Buffer): Packet[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const packets: Packet[] = [];
    for (;;) {
      if (this.#header === undefined) {
        if (this.#buffered < HEADER_SIZE) break;
        this.#header = this.#checkHeader(decodeHeader(this.#take(HEADER_SIZE)));
      }
      const header = this.#header;
      if (this.#buffered < header.dataLength) break;
      const data = header.dataLength === 0 ? new Uint8Array(0) : this.#take(header.dataLength);
      if (this.#limits.checksRequired() && checksum([data]) !== header.dataCheck) {
        throw new DaemonError('bad-checksum', `The host sent a ${commandName(header.command)} packet whose checksum does not match its data.`);
      }
      this.#header = undefined;
      packets.push({ ...header, data });
    }
    return packets;
  }

  #checkHeader(header: PacketHeader): PacketHeader {
    if (header.magic !== (header.command ^ 0xffffffff) >>> 0) {
      throw new DaemonError('bad-magic', 'The host sent a packet with a bad magic number; the stream is out of step.');
    }
    const limit = this.#limits.maxPayload();
    if (header.dataLength > limit) {
      throw new DaemonError('packet-too-large', `The host sent a ${header.dataLength}-byte packet; the limit is ${limit} bytes.`);
    }
    return header;
  }

  /** Removes `length` bytes from the front, copying only when they span several chunks. */
  #take(length: number): Buffer {
    const first = this.#chunks[0]!;
    let result: Buffer;
    if (first.length >= length) {
      result = first.subarray(0, length);
      if (first.length === length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(length);
    } else {
      result = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const chunk = this.#chunks[0]!;
        const n = Math.min(chunk.length, length - filled);
        chunk.copy(result, filled, 0, n);
        filled += n;
        if (n === chunk.length) this.#chunks.shift();
        else this.#chunks[0] = chunk.subarray(n);
      }
    }
    this.#buffered -= length;
    return result;
  }
}
