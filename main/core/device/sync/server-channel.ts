// A sync channel through the adb server: our own socket to the server, switched to the phone with
// `host:transport:SERIAL`, then `sync:`. From there the server relays the sync session as a plain
// byte stream, and pausing the socket is TCP backpressure, which is how `adb pull` itself reads
// (AOSP client/adb_client.cpp adb_connect → switch_socket_transport; client/file_sync_client.cpp).
import { connectTcp, type TcpSocket } from '../../net/tcp.ts';
import { DeviceError, describeError } from '../errors.ts';
import type { ReadRoute } from '../socket-streams.ts';
import type { ChannelSink, SyncChannel } from './channel.ts';
import { QUIT_REQUEST } from './recv-parser.ts';

/**
 * Every server channel reads into this one buffer: reads are handed on synchronously and the
 * receiver copies what it keeps (ChannelSink), and JavaScript runs one read at a time, so they
 * can share it. A fresh 64 KiB buffer per read, as plain sockets get, was most of the garbage
 * collection of a 2 GiB pull.
 */
const READ_BUFFER = new Uint8Array(1024 * 1024);


export interface ServerChannelOptions {
  port: number;
  serial: string;
  timeoutMs: number;
}

export async function openServerChannel(options: ServerChannelOptions): Promise<SyncChannel> {
  const { port, serial, timeoutMs } = options;
  let socket: TcpSocket;
  // Where the reads go: the server's replies first, then the sync session's sink.
  const route: ReadRoute = { reader: () => undefined };
  try {
    socket = await connectTcp('127.0.0.1', port, {
      timeoutMs,
      readInto: { buffer: READ_BUFFER, received: (bytes) => route.reader(bytes), landing: () => route.landing?.() },
    });
  } catch (error) {
    throw new DeviceError('disconnected', `The adb server on port ${port} no longer answers (${describeError(error)}). Reconnect the phone and try again.`, {
      cause: error,
    });
  }
  socket.setNoDelay(true);
  const replies = new ServerReplies(socket, port);
  route.reader = (bytes) => replies.received(bytes);
  try {
    await replies.request(`host:transport:${serial}`);
    await replies.request('sync:');
  } catch (error) {
    socket.destroy();
    throw error;
  }
  replies.detach();
  return new ServerChannel(socket, port, route);
}

/** The server's answers to requests (`OKAY`, or `FAIL` + 4 hex digits of length + message). */
class ServerReplies {
  readonly #socket: TcpSocket;
  readonly #port: number;
  #received = Buffer.alloc(0);
  #waiter: (() => void) | undefined;
  #gone: Error | undefined;
  readonly #onClose = () => {
    this.#gone ??= new DeviceError('disconnected', `The adb server on port ${this.#port} closed the connection. Reconnect the phone and try again.`);
    this.#wake();
  };

  constructor(socket: TcpSocket, port: number) {
    this.#socket = socket;
    this.#port = port;
    socket.on('close', this.#onClose);
    socket.on('error', this.#onClose);
  }

  /** Bytes from the server (valid during the call: Buffer.concat copies them). */
  received(bytes: Uint8Array): void {
    this.#received = Buffer.concat([this.#received, bytes]);
    this.#wake();
  }

  async request(service: string): Promise<void> {
    const body = Buffer.from(service, 'utf8');
    this.#socket.write(Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'latin1'), body]));
    const status = (await this.#take(4)).toString('latin1');
    if (status === 'OKAY') return;
    if (status !== 'FAIL') throw new DeviceError('protocol', `The adb server on port ${this.#port} answered "${status}" to ${service}.`);
    const length = Number.parseInt((await this.#take(4)).toString('latin1'), 16);
    const message = (await this.#take(Number.isNaN(length) ? 0 : length)).toString('utf8');
    // "device 'X' not found", "device offline": the phone went away between listing and now.
    throw new DeviceError('disconnected', `The adb server could not reach the phone: ${message || 'no reason given'}. Reconnect it and try again.`);
  }

  detach(): void {
    this.#socket.off('close', this.#onClose);
    this.#socket.off('error', this.#onClose);
  }

  async #take(count: number): Promise<Buffer> {
    while (this.#received.length < count) {
      if (this.#gone) throw this.#gone;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
    const out = this.#received.subarray(0, count);
    this.#received = this.#received.subarray(count);
    return out;
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}

class ServerChannel implements SyncChannel {
  readonly #socket: TcpSocket;
  readonly #port: number;
  readonly #route: ReadRoute;
  #closedByUs = false;
  #quitSent = false;

  constructor(socket: TcpSocket, port: number, route: ReadRoute) {
    this.#socket = socket;
    this.#port = port;
    this.#route = route;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#socket.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  start(sink: ChannelSink): void {
    let ended = false;
    this.#route.reader = (bytes) => sink.received(bytes);
    // The server relays the sync session as it is: the sink knows how far the file's bytes go.
    this.#route.landing = () => sink.landing?.(Number.MAX_SAFE_INTEGER, 0);
    this.#socket.once('end', () => {
      ended = true;
      sink.end();
    });
    this.#socket.once('error', (error) => {
      if (!this.#closedByUs) sink.error(error);
    });
    this.#socket.once('close', () => {
      if (!ended && !this.#closedByUs) sink.error(new Error(`the adb server on port ${this.#port} closed the connection`));
    });
  }

  /**
   * QUIT, so that the rest of the answer comes without delay. The server writes what the phone
   * sends to this socket as it comes, with Nagle's algorithm on (adb 1.0.41 sets no TCP_NODELAY
   * there): a small write (a file's DONE after its last DATA; a listing's entries after its first
   * one) waits for our acknowledgment of the write before, which the kernel delays up to 40 ms
   * while we have nothing to send. Measured: one file in four waited 40–44 ms, and 1,004 small
   * files took 18.3 s one at a time (7.3–8.0 s with this), 4.5 s twelve at a time (3.3–3.8 s);
   * `vitre scan` of a 5,000-file phone, a listing per folder, 2.93 s (0.81–0.88 s; direct
   * 0.60–0.93 s). A request written now carries the acknowledgment at once, and QUIT costs the
   * phone nothing: it reads requests one after another, so it ends the session after this answer,
   * when we close it anyway (`adb pull` ends its sessions with QUIT too). Once is enough: a QUIT
   * per part of a listing measured no faster. A direct connection needs none of this: every packet
   * there is answered with an OKAY (one more packet per file cost 15 % on 1,004 small files).
   */
  finishing(): void {
    if (this.#quitSent) return;
    this.#quitSent = true;
    this.write(QUIT_REQUEST).catch(() => undefined); // a failed write: the reader hears of the loss on its own
  }

  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  close(): void {
    this.#closedByUs = true;
    this.#socket.destroy();
  }
}
