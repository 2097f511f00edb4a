// A phone's adbd straight over TCP, without any adb server: Wi-Fi phones in `adb tcpip` mode and
// the simulated phone. Tango runs the protocol; we supply the socket (through core/net), the
// packet checks, the key, and the time limits Tango leaves to its caller.
import { AdbDaemonTransport } from '@yume-chan/adb';
import { WritableStream, type Consumable } from '@yume-chan/stream-extra';
import type { AdbPacketInit } from '@yume-chan/adb';
import { connectTcp, type ConnectOptions, type TcpSocket } from '../../net/tcp.ts';
import { DeviceError, describeError } from '../errors.ts';
import type { KeyStore } from '../key-store.ts';
import { socketToStreams, type ReadRoute } from '../socket-streams.ts';
import { HEADER_SIZE, PacketParser } from './packet-reader.ts';
import { SyncLanes } from './sync-lanes.ts';

export interface DirectConnectOptions {
  keyStore: KeyStore;
  signal?: AbortSignal;
  /** Time to open the TCP connection. */
  connectTimeoutMs?: number;
  /**
   * Time for the phone to answer the handshake. A phone showing the "Allow USB debugging?"
   * prompt answers only once the user taps Allow, so this is also how long we wait for that.
   */
  handshakeTimeoutMs?: number;
}

function unauthorized(peer: string): DeviceError {
  return new DeviceError(
    'unauthorized',
    `The phone at ${peer} has not allowed this computer. Unlock the phone, tap Allow on the 'Allow USB debugging?' prompt (tick 'Always allow from this computer'), then connect again.`,
  );
}

const READ_BUFFER_SIZE = 1024 * 1024;

export interface DirectConnection {
  transport: AdbDaemonTransport;
  /** File transfers' `sync:` streams, whose bytes bypass Tango (sync-lanes.ts). */
  lanes: SyncLanes;
}

export async function connectDirect(host: string, port: number, options: DirectConnectOptions): Promise<DirectConnection> {
  const { keyStore, signal, connectTimeoutMs = 5_000, handshakeTimeoutMs = 15_000 } = options;
  const peer = `${host}:${port}`;
  // Reads land in one buffer per connection, reused: the parser copies what it keeps. A fresh
  // 64 KiB buffer per read was most of a 2 GiB direct pull's garbage collection. In the middle of
  // a file's bytes, the read lands where the pull wants them instead (a backup's block): no copy.
  const route: ReadRoute = { reader: () => undefined };
  const socket = await openSocket(host, port, connectTimeoutMs, signal, {
    buffer: new Uint8Array(READ_BUFFER_SIZE),
    received: (bytes) => route.reader(bytes),
    landing: () => route.landing?.(),
  });
  const sender = new PacketSender(socket);
  const lanes = new SyncLanes(sender.send);
  const streams = socketToStreams(socket, `the phone at ${peer}`, new PacketParser(peer, lanes), route);
  let askedForKey = false;
  const credentialStore = {
    generateKey: () => keyStore.generateKey(),
    iterateKeys: () => {
      askedForKey = true;
      return keyStore.iterateKeys();
    },
  };
  const handshake = AdbDaemonTransport.authenticate({
    serial: peer,
    connection: {
      readable: streams.readable,
      writable: sender.writable(),
    },
    credentialStore,
  });
  try {
    const transport = await raceHandshake(handshake, handshakeTimeoutMs, signal, () =>
      askedForKey ? unauthorized(peer) : new DeviceError('timeout', `The phone at ${peer} accepted the connection but did not answer. Check that it is an Android phone with debugging on, then try again.`),
    );
    // When Tango's dispatcher stops (phone gone, corrupt packet), free the socket too.
    const release = () => streams.close();
    transport.disconnected.then(release, release);
    return { transport, lanes };
  } catch (error) {
    streams.close();
    handshake.catch(() => undefined); // settles after the socket closes; already reported
    if (error instanceof DeviceError && error.kind !== 'disconnected') throw error;
    // A phone that hangs up during auth has refused our key (adbd closes after too many failures).
    if (askedForKey) throw unauthorized(peer);
    throw new DeviceError('disconnected', `The phone at ${peer} closed the connection during the handshake (${describeError(error)}). Try again.`, {
      cause: error,
    });
  }
}

async function openSocket(host: string, port: number, timeoutMs: number, signal: AbortSignal | undefined, readInto: ConnectOptions['readInto']): Promise<TcpSocket> {
  try {
    return await connectTcp(host, port, { timeoutMs, readInto, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw new DeviceError('aborted', `Connecting to ${host}:${port} was cancelled.`);
    throw new DeviceError(
      'unreachable',
      `No phone answers at ${host}:${port} (${describeError(error)}). Check the address, that the phone is on the same network, and that wireless debugging is on.`,
      { cause: error },
    );
  }
}

function raceHandshake<T>(
  handshake: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onTimeout: () => DeviceError,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(onTimeout())), timeoutMs);
    const onAbort = () => finish(() => reject(new DeviceError('aborted', 'Connecting to the phone was cancelled.')));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    handshake.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/**
 * Packets → bytes into the socket, each packet whole: header and payload in one corked write,
 * done before the call returns, so a lane's OKAY (sync-lanes.ts) never lands inside another
 * packet. A write waits for the socket to take the payload (Tango may reuse it after). Writes after
 * the connection is lost are dropped instead of failing: the readable side reports the loss once.
 */
class PacketSender {
  readonly #socket: TcpSocket;

  constructor(socket: TcpSocket) {
    this.#socket = socket;
  }

  readonly send = (command: number, arg0: number, arg1: number, payload?: Uint8Array, checksum = 0, written?: () => void): void => {
    const socket = this.#socket;
    if (socket.destroyed) {
      written?.();
      return;
    }
    const header = Buffer.allocUnsafe(HEADER_SIZE);
    header.writeUInt32LE(command >>> 0, 0);
    header.writeUInt32LE(arg0 >>> 0, 4);
    header.writeUInt32LE(arg1 >>> 0, 8);
    header.writeUInt32LE(payload?.length ?? 0, 12);
    header.writeUInt32LE(checksum >>> 0, 16);
    header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
    const done = written ? () => written() : undefined;
    if (!payload || payload.length === 0) {
      socket.write(header, done);
      return;
    }
    socket.cork();
    socket.write(header);
    socket.write(payload, done);
    socket.uncork();
  };

  /** Tango's side: its packets, through the same sender. */
  writable(): WritableStream<Consumable<AdbPacketInit>> {
    return new WritableStream<Consumable<AdbPacketInit>>({
      write: (packet) =>
        packet.tryConsume(
          (init) => new Promise<void>((resolve) => this.send(init.command, init.arg0, init.arg1, init.payload, init.checksum, resolve)),
        ),
      close: () => {
        this.#socket.end();
      },
    });
  }
}
