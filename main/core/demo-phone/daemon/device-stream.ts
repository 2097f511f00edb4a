// One ADB stream as the phone sees it: the service's end of an OPEN.
// Flow control follows AOSP adb sockets.cpp: one WRTE in flight until the peer's OKAY, and every
// WRTE received is acknowledged with OKAY — here once the service has consumed it, so a slow
// service slows the host down instead of buffering without bound. (Acknowledging on arrival while
// one WRTE's worth was buffered, as adbd's socket buffer allows, measured no faster for adb push:
// 117-174 vs 125-140 MB/s over 200 MB, alternating runs on this machine.)
import { A_CLSE, A_OKAY, A_WRTE } from './protocol.ts';
import type { PacketWriter } from './packet-writer.ts';

export class StreamClosedError extends Error {
  readonly kind = 'stream-closed';
  constructor() {
    super('The host closed the stream.');
    this.name = 'StreamClosedError';
  }
}

export class DeviceStream {
  readonly localId: number;
  readonly remoteId: number;
  /** Largest WRTE payload the host accepts (negotiated maxdata). */
  readonly maxPayload: number;
  readonly #writer: PacketWriter;
  readonly #abort = new AbortController();
  #closeSent = false;
  #awaitingOkay: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #inbound: Uint8Array[] = [];
  #inboundBytes = 0;
  #unacknowledged = false;
  #inboundWaiter: (() => void) | undefined;

  constructor(writer: PacketWriter, localId: number, remoteId: number, maxPayload: number) {
    this.#writer = writer;
    this.localId = localId;
    this.remoteId = remoteId;
    this.maxPayload = maxPayload;
  }

  /** Aborted when the host closes the stream or the connection ends. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get closed(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Sends one WRTE (pieces total ≤ maxPayload) and resolves once the host acknowledges it. */
  async write(pieces: readonly Uint8Array[]): Promise<void> {
    if (this.closed) throw new StreamClosedError();
    await this.#writer.whenWritable();
    if (this.closed) throw new StreamClosedError();
    const acknowledged = new Promise<void>((resolve, reject) => {
      this.#awaitingOkay = { resolve, reject };
    });
    this.#writer.send(A_WRTE, this.localId, this.remoteId, pieces);
    await acknowledged;
  }

  /** Whatever bytes the host wrote next, or null once the stream is closed. */
  async read(): Promise<Uint8Array | null> {
    while (this.#inbound.length === 0) {
      if (this.closed) return null;
      this.#acknowledge();
      await new Promise<void>((resolve) => (this.#inboundWaiter = resolve));
    }
    const chunk = this.#inbound.shift()!;
    this.#inboundBytes -= chunk.length;
    if (this.#inbound.length === 0) this.#acknowledge();
    return chunk;
  }

  /** Exactly `length` bytes, or null if the stream closes first. */
  async readExactly(length: number): Promise<Uint8Array | null> {
    if (length === 0) return this.closed ? null : new Uint8Array(0);
    while (this.#inboundBytes < length) {
      if (this.closed) return null;
      this.#acknowledge();
      await new Promise<void>((resolve) => (this.#inboundWaiter = resolve));
    }
    const first = this.#inbound[0]!;
    let result: Uint8Array;
    if (first.length >= length) {
      result = first.subarray(0, length);
      if (first.length === length) this.#inbound.shift();
      else this.#inbound[0] = first.subarray(length);
    } else {
      result = Buffer.concat(this.#inbound, this.#inboundBytes).subarray(0, length);
      const rest = Buffer.from(result.buffer, result.byteOffset + length, this.#inboundBytes - length);
      this.#inbound = rest.length > 0 ? [rest] : [];
    }
    this.#inboundBytes -= length;
    if (this.#inbound.length === 0) this.#acknowledge();
    return result;
  }

  /** Ends the stream from the phone's side (the service finished). */
  close(): void {
    if (!this.#closeSent) {
      this.#closeSent = true;
      this.#writer.send(A_CLSE, this.localId, this.remoteId);
    }
    this.#terminate();
  }

  // --- called by the connection ---

  onWrite(data: Uint8Array): void {
    this.#unacknowledged = true;
    if (data.length > 0) {
      this.#inbound.push(data);
      this.#inboundBytes += data.length;
    }
    this.#wake();
  }

  onOkay(): void {
    const waiting = this.#awaitingOkay;
    this.#awaitingOkay = undefined;
    waiting?.resolve();
  }

  /** The host closed the stream; adbd answers with its own CLSE (sockets.cpp, local_socket_close). */
  onClose(): void {
    this.close();
  }

  /** The connection is gone: nothing more can be sent. */
  onConnectionLost(): void {
    this.#closeSent = true;
    this.#terminate();
  }

  #terminate(): void {
    if (!this.#abort.signal.aborted) this.#abort.abort(new StreamClosedError());
    const waiting = this.#awaitingOkay;
    this.#awaitingOkay = undefined;
    waiting?.reject(new StreamClosedError());
    this.#wake();
  }

  #wake(): void {
    const waiter = this.#inboundWaiter;
    this.#inboundWaiter = undefined;
    waiter?.();
  }

  #acknowledge(): void {
    if (!this.#unacknowledged || this.closed) return;
    this.#unacknowledged = false;
    this.#writer.send(A_OKAY, this.localId, this.remoteId);
  }
}
