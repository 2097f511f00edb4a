// A phone's adbd straight over TCP, without any adb server: Wi-Fi phones in `adb tcpip` mode and
// the simulated phone. Tango runs the protocol; we supply the socket (through core/net), the
// packet checks, the key, and the time limits Tango leaves to its caller.
import { AdbDaemonTransport, AdbPacketSerializeStream } from '@yume-chan/adb';
import { WritableStream, type Consumable } from '@yume-chan/stream-extra';
import type { AdbPacketData, AdbPacketInit } from '@yume-chan/adb';
import { connectTcp, type TcpSocket } from '../../net/tcp.ts';
import { DeviceError, describeError } from '../errors.ts';
import type { KeyStore } from '../key-store.ts';
import { socketToStreams, type SocketStreams } from '../socket-streams.ts';
import { PacketParser } from './packet-reader.ts';

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

export async function connectDirect(host: string, port: number, options: DirectConnectOptions): Promise<AdbDaemonTransport> {
  const { keyStore, signal, connectTimeoutMs = 5_000, handshakeTimeoutMs = 15_000 } = options;
  const peer = `${host}:${port}`;
  const socket = await openSocket(host, port, connectTimeoutMs, signal);
  const streams = socketToStreams(socket, `the phone at ${peer}`, new PacketParser(peer));
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
      writable: packetWriter(streams),
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
    return transport;
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

async function openSocket(host: string, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<TcpSocket> {
  try {
    return await connectTcp(host, port, { timeoutMs, ...(signal ? { signal } : {}) });
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
 * Packets → bytes into the socket. Like stream-extra's pipeFrom, but a write that fails because the
 * phone hung up is not left as an unhandled rejection: the socket's readable reports the loss.
 */
function packetWriter(streams: SocketStreams<AdbPacketData>): WritableStream<Consumable<AdbPacketInit>> {
  const serializer = new AdbPacketSerializeStream();
  const writer = serializer.writable.getWriter();
  const pipe = serializer.readable.pipeTo(streams.writable);
  pipe.catch(() => undefined); // reported through the readable side, see above
  return new WritableStream<Consumable<AdbPacketInit>>({
    write: (packet) => writer.write(packet),
    close: async () => {
      await writer.close();
      await pipe;
    },
  });
}
