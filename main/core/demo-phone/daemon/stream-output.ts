// A stream's outgoing bytes, cut into WRTEs of at most maxdata. What a service produces while a
// WRTE is in flight is gathered into the next one, so many small records (sync DENTs, short shell
// lines) cost few round trips, a slow producer's output is never held back, and a fast producer
// waits for the host (one WRTE in flight per stream, AOSP adb sockets.cpp). Records may span
// WRTEs: like adbd's, the service's output is a byte stream and the transport packetizes it.
import type { DeviceStream } from './device-stream.ts';

/** Pieces smaller than this are copied together, so a WRTE is a few large writes, not 25,000 tiny ones. */
const SMALL_PIECE = 1024;
const STAGING_SIZE = 64 * 1024;

export class StreamOutput {
  readonly #stream: DeviceStream;
  #queue: Uint8Array[] = [];
  #queued = 0;
  #inFlight: Promise<void> | undefined;
  /** Where small pieces are gathered; the queue's last entry views [#stagingStart, #stagingUsed). */
  #staging: Buffer | undefined;
  #stagingStart = 0;
  #stagingUsed = 0;
  #stagingOpen = false;

  constructor(stream: DeviceStream) {
    this.#stream = stream;
  }

  /** The negotiated maxdata: one WRTE's worth. */
  get maxPayload(): number {
    return this.#stream.maxPayload;
  }

  /** Queues bytes (without copying); waits only while more than one WRTE's worth is queued. */
  async add(pieces: readonly Uint8Array[]): Promise<void> {
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      if (piece.length < SMALL_PIECE) this.#stage(piece);
      else {
        this.#queue.push(piece);
        this.#stagingOpen = false;
      }
      this.#queued += piece.length;
    }
    if (this.#inFlight === undefined) this.#send();
    while (this.#queued > this.#stream.maxPayload) {
      if (this.#inFlight === undefined) this.#send();
      await this.#inFlight;
    }
  }

  /** Resolves once everything queued has been acknowledged by the host. */
  async flush(): Promise<void> {
    while (this.#inFlight !== undefined || this.#queued > 0) {
      if (this.#inFlight === undefined) this.#send();
      await this.#inFlight;
    }
  }

  #send(): void {
    if (this.#queued === 0) return;
    const inFlight = this.#stream.write(this.#take(this.#stream.maxPayload)).then(() => {
      this.#inFlight = undefined;
      this.#send();
    });
    // A failure (the host closed the stream) reaches whoever awaits #inFlight next; this handler
    // only keeps it from being reported as unhandled when nobody is waiting at that moment.
    inFlight.catch(() => undefined);
    this.#inFlight = inFlight;
  }

  #stage(piece: Uint8Array): void {
    if (this.#staging === undefined || this.#stagingUsed + piece.length > this.#staging.length) {
      this.#staging = Buffer.allocUnsafe(STAGING_SIZE);
      this.#stagingUsed = 0;
      this.#stagingOpen = false;
    }
    if (!this.#stagingOpen) {
      // Bytes before #stagingUsed may be in flight; the new view starts after them.
      this.#stagingStart = this.#stagingUsed;
      this.#queue.push(this.#staging.subarray(this.#stagingStart, this.#stagingStart));
      this.#stagingOpen = true;
    }
    this.#staging.set(piece, this.#stagingUsed);
    this.#stagingUsed += piece.length;
    this.#queue[this.#queue.length - 1] = this.#staging.subarray(this.#stagingStart, this.#stagingUsed);
  }

  /** Up to `limit` bytes from the front of the queue, splitting a piece if needed. */
  #take(limit: number): Uint8Array[] {
    const taken: Uint8Array[] = [];
    let room = limit;
    let used = 0;
    while (room > 0 && used < this.#queue.length) {
      const piece = this.#queue[used]!;
      if (piece.length <= room) {
        taken.push(piece);
        used++;
        room -= piece.length;
      } else {
        taken.push(piece.subarray(0, room));
        this.#queue[used] = piece.subarray(room);
        room = 0;
      }
    }
    // The staged view, if taken even in part, is now in flight: later small pieces start anew.
    if (used >= this.#queue.length - 1) this.#stagingOpen = false;
    this.#queue.splice(0, used);
    this.#queued -= limit - room;
    return taken;
  }
}
