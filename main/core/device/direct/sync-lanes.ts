// File transfers on a direct connection, beside Tango rather than through it. Tango opens and
// closes the `sync:` stream and sees every other packet; the stream's WRTE packets are taken off
// the socket by the packet parser and handed to the pull as they arrive, and the OKAY that lets
// the phone send the next one goes out as each one begins (or once the pull resumes, if it
// paused). Through Tango each 1 MiB packet passed several web streams, and its
// OKAY waited for the consumer: a 2 GiB direct pull took 13–14 s of CPU, against 6–7 s through
// the adb server, whose relay needs none of that.
import { AdbCommand, type Adb, type AdbSocket } from '@yume-chan/adb';
import type { ReadLanding } from '../../net/tcp.ts';
import type { ChannelSink, SyncChannel } from '../sync/channel.ts';
import type { Lane, LaneRegistry } from './packet-reader.ts';

/** Sends one packet, whole, before any other (see packet-writer in connect-direct.ts). */
export type SendPacket = (command: number, arg0: number, arg1: number, payload?: Uint8Array) => void;

export class SyncLanes implements LaneRegistry {
  readonly #lanes = new Map<number, LaneChannel>();
  readonly #send: SendPacket;

  constructor(send: SendPacket) {
    this.#send = send;
  }

  claim(localId: number): Lane | undefined {
    return this.#lanes.get(localId);
  }

  /** Opens a `sync:` stream whose file bytes come through a lane. */
  async open(adb: Adb): Promise<SyncChannel> {
    const socket = await adb.createSocket('sync:');
    const { localId, remoteId } = socket as AdbSocket & { localId: number; remoteId: number };
    const channel = new LaneChannel(socket, localId, remoteId, this.#send);
    this.#lanes.set(localId, channel);
    // The lane stays until Tango has seen the stream closed: WRTEs still in flight after our
    // CLSE land here (and are dropped) instead of reaching Tango, which would fail the whole
    // connection over a packet for a stream it no longer knows.
    const forget = () => this.#lanes.delete(localId);
    socket.closed.then(forget, forget);
    return channel;
  }
}

class LaneChannel implements SyncChannel, Lane {
  readonly #socket: AdbSocket;
  readonly #localId: number;
  readonly #remoteId: number;
  readonly #send: SendPacket;
  #sink: ChannelSink | undefined;
  #paused = false;
  /** A packet was taken while paused: its OKAY goes out on resume. */
  #owesOkay = false;
  #closed = false;

  constructor(socket: AdbSocket, localId: number, remoteId: number, send: SendPacket) {
    this.#socket = socket;
    this.#localId = localId;
    this.#remoteId = remoteId;
    this.#send = send;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const writer = this.#socket.writable.getWriter();
    try {
      await writer.write(bytes);
    } finally {
      writer.releaseLock();
    }
  }

  start(sink: ChannelSink): void {
    this.#sink = sink;
    void this.#watchEnd(sink);
  }

  // Lane: the phone's WRTE payloads, straight from the socket.
  data(bytes: Uint8Array): void {
    if (!this.#closed) this.#sink?.received(bytes);
  }

  landing(payloadLeft: number, trailer: number): ReadLanding | undefined {
    return this.#closed ? undefined : this.#sink?.landing?.(payloadLeft, trailer);
  }

  /**
   * The OKAY that lets the phone send its next packet goes out as this one begins, not once its
   * payload is in: the phone reads and sends the next while this one arrives, as if the window
   * were two packets. Waiting for the whole payload left the phone idle for each packet's last
   * read and our OKAY's trip (a 2 GiB pull: ~80 % of the reader's time spent waiting for the phone).
   * The backpressure is unchanged: while the consumer is paused, the OKAY is held (at most one
   * packet more than before arrives).
   */
  packetStart(): void {
    if (this.#closed) return;
    if (this.#paused) this.#owesOkay = true;
    else this.#send(AdbCommand.Okay, this.#localId, this.#remoteId);
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    if (this.#owesOkay && !this.#closed) {
      this.#owesOkay = false;
      this.#send(AdbCommand.Okay, this.#localId, this.#remoteId);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    Promise.resolve(this.#socket.close()).catch(() => undefined); // the phone may already be gone: nothing to close
  }

  /** Tango's side of the stream carries no data now, only its end: the phone closed it, or the connection died. */
  async #watchEnd(sink: ChannelSink): Promise<void> {
    const reader = this.#socket.readable.getReader();
    try {
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
      }
      if (!this.#closed) sink.end();
    } catch (error) {
      if (!this.#closed) sink.error(error);
    }
  }
}
