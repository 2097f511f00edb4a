// A TCP socket as the web streams Tango speaks. Unlike a plain adapter, a socket that errors or
// closes mid-stream *errors* the readable, so a reader waiting for bytes never hangs on a dead
// connection (Tango's own Node adapter only closes the readable on a clean 'end').
import { MaybeConsumable, ReadableStream, type ReadableWritablePair } from '@yume-chan/stream-extra';
import type { ReadLanding, TcpSocket } from '../net/tcp.ts';
import { DeviceError } from './errors.ts';

export interface SocketStreams<T = Uint8Array> extends ReadableWritablePair<T, MaybeConsumable<Uint8Array>> {
  readonly closed: Promise<undefined>;
  close(): void;
}

/** Turns received bytes into messages (e.g. ADB packets) right where the socket delivers them. */
export interface ByteDecoder<T> {
  feed(chunk: Uint8Array, emit: (value: T) => void): void;
  /** Throws when the bytes ended in the middle of a message. */
  end(): void;
  /** Where the next read should land, if the bytes to come have a place of their own (ReadInto in net/tcp.ts). */
  landing?(): ReadLanding | undefined;
}

const rawBytes: ByteDecoder<Uint8Array> = { feed: (chunk, emit) => emit(chunk), end: () => undefined };

/**
 * Where a socket opened with `readInto` (net/tcp.ts) hands its reads: whoever consumes the socket
 * sets `reader` (socketToStreams, a sync channel). The bytes are valid only during the call, so
 * the consumer copies whatever it keeps (PacketParser does).
 */
export interface ReadRoute {
  reader: (bytes: Uint8Array) => void;
  /** Where the next read should land instead of the socket's buffer (ReadInto in net/tcp.ts). */
  landing?: () => ReadLanding | undefined;
}

/**
 * Bytes (or decoded messages) held before the socket is paused. Decoding in the socket's own
 * 'data' handler, with plain pause/resume, replaced two web-stream hops per 64 KiB read (a
 * PushReadableStream and a TransformStream): a direct 1 GiB pull took ~2.0 s of CPU before, ~1.5 s
 * after (test/bench/device-pull.bench.ts, bytes only counted).
 */
const READ_AHEAD_BYTES = 1024 * 1024;

/** `peer` names the other end in error messages ("the adb server", "the phone at 10.0.0.5:5555"). */
export function socketToStreams(socket: TcpSocket, peer: string): SocketStreams;
export function socketToStreams<T extends Uint8Array | { payload: Uint8Array }>(socket: TcpSocket, peer: string, decoder: ByteDecoder<T>, route?: ReadRoute): SocketStreams<T>;
export function socketToStreams(
  socket: TcpSocket,
  peer: string,
  decoder: ByteDecoder<Uint8Array | { payload: Uint8Array }> = rawBytes,
  route?: ReadRoute,
): SocketStreams<Uint8Array | { payload: Uint8Array }> {
  socket.setNoDelay(true);
  let closedByUs = false;
  const closed = new Promise<undefined>((resolve) => socket.once('close', () => resolve(undefined)));
  const lostError = (cause?: unknown) =>
    new DeviceError('disconnected', `The connection to ${peer} was lost. Check the cable or network and try again.`, {
      cause,
    });

  let cancelled = false;
  const readable = new ReadableStream<Uint8Array | { payload: Uint8Array }>(
    {
      start(controller) {
        let ended = false;
        const emit = (value: Uint8Array | { payload: Uint8Array }) => controller.enqueue(value);
        const received = (bytes: Uint8Array) => {
          if (cancelled) return;
          try {
            decoder.feed(bytes, emit);
          } catch (error) {
            errorQuietly(controller, error);
            socket.destroy();
            return;
          }
          if ((controller.desiredSize ?? 0) <= 0) socket.pause();
        };
        if (route) {
          route.reader = received;
          route.landing = () => (cancelled ? undefined : decoder.landing?.());
        }
        else socket.on('data', (data: Buffer) => received(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
        socket.once('end', () => {
          ended = true;
          try {
            decoder.end();
            closeQuietly(controller);
          } catch (error) {
            errorQuietly(controller, error);
          }
        });
        socket.once('error', (error) => errorQuietly(controller, lostError(error)));
        socket.once('close', () => {
          if (ended || closedByUs) closeQuietly(controller);
          else errorQuietly(controller, lostError());
        });
      },
      pull() {
        if (socket.isPaused()) socket.resume();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: READ_AHEAD_BYTES, size: (value) => (value instanceof Uint8Array ? value.length : value.payload.length + 24) },
  );

  // Writes after the connection is lost are dropped instead of failing: the loss is reported
  // once, by the readable side, which every reader (and Tango's dispatcher) is waiting on. Failing
  // them too left rejections nobody awaits inside Tango (e.g. CLSE packets sent by close()).
  const writable = new MaybeConsumable.WritableStream<Uint8Array>({
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) {
          resolve();
          return;
        }
        socket.write(chunk, () => resolve());
      }),
    close: () => {
      socket.end();
    },
  });

  return {
    readable,
    writable,
    closed,
    close() {
      closedByUs = true;
      socket.destroy();
    },
  };
}

// The stream may already be closed or errored by the time the socket reports; that is fine,
// the first outcome wins.
function closeQuietly(controller: { close(): void }): void {
  try {
    controller.close();
  } catch {
    // already closed or errored: the first outcome stands
  }
}

function errorQuietly(controller: { error(e?: unknown): void }, error: unknown): void {
  try {
    controller.error(error);
  } catch {
    // already closed or errored: the first outcome stands
  }
}
