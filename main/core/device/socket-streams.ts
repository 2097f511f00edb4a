// A TCP socket as the web streams Tango speaks. Unlike a plain adapter, a socket that errors or
// closes mid-stream *errors* the readable, so a reader waiting for bytes never hangs on a dead
// connection (Tango's own Node adapter only closes the readable on a clean 'end').
import { MaybeConsumable, PushReadableStream, type ReadableWritablePair } from '@yume-chan/stream-extra';
import type { TcpSocket } from '../net/tcp.ts';
import { DeviceError } from './errors.ts';

export interface SocketStreams extends ReadableWritablePair<Uint8Array, MaybeConsumable<Uint8Array>> {
  readonly closed: Promise<undefined>;
  close(): void;
}

/** `peer` names the other end in error messages ("the adb server", "the phone at 10.0.0.5:5555"). */
export function socketToStreams(socket: TcpSocket, peer: string): SocketStreams {
  socket.setNoDelay(true);
  let closedByUs = false;
  const closed = new Promise<undefined>((resolve) => socket.once('close', () => resolve(undefined)));
  const lostError = (cause?: unknown) =>
    new DeviceError('disconnected', `The connection to ${peer} was lost. Check the cable or network and try again.`, {
      cause,
    });

  const readable = new PushReadableStream<Uint8Array>((controller) => {
    let ended = false;
    socket.on('data', (data: Buffer) => {
      if (controller.abortSignal.aborted) return;
      socket.pause();
      void controller.enqueue(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).then(() => socket.resume());
    });
    socket.once('end', () => {
      ended = true;
      closeQuietly(controller);
    });
    socket.once('error', (error) => errorQuietly(controller, lostError(error)));
    socket.once('close', () => {
      if (ended || closedByUs) closeQuietly(controller);
      else errorQuietly(controller, lostError());
    });
  });

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
