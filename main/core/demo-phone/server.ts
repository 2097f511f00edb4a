// Starts the simulated phone's ADB daemon: the device side of ADB over TCP, which Google's adb,
// Tango and Vitre itself connect to exactly as to a phone in `adb tcpip` mode.
import { listenTcp } from '../net/tcp.ts';
import type { TcpSocket } from '../net/tcp.ts';
import { TrustedKeys } from './daemon/auth.ts';
import { DAEMON_FEATURES } from './daemon/banner.ts';
import { Connection } from './daemon/connection.ts';
import type { PhoneOptions } from './options.ts';
import type { SimulatedPhone } from './phone.ts';

export interface DemoPhoneServerOptions {
  port?: number;
  /** Loopback by default: the simulated phone never faces the network unless asked. */
  host?: string;
  /** Features to advertise instead of all the daemon implements (e.g. without shell_v2, like Android 6). */
  features?: readonly string[];
  /** Told about packets the phone refused and failures in its content code (the connection or stream is closed). */
  onProblem?: (error: Error) => void;
}

export interface RunningDemoPhone {
  port: number;
  /** The serial adb lists it under once connected: host:port. */
  serial: string;
  close(): Promise<void>;
}

export async function startDemoPhone(
  phone: SimulatedPhone,
  options: Pick<PhoneOptions, 'auth' | 'trustedKeys' | 'faults'> & Partial<PhoneOptions> & DemoPhoneServerOptions,
): Promise<RunningDemoPhone> {
  const host = options.host ?? '127.0.0.1';
  const features = options.features ?? DAEMON_FEATURES;
  const trustedKeys = options.auth === 'rsa' ? new TrustedKeys(options.trustedKeys) : undefined;
  const sockets = new Set<TcpSocket>();
  const onConnection = (socket: TcpSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    new Connection(socket, {
      phone,
      features,
      trustedKeys,
      acceptNewKeys: options.acceptNewKeys ?? false,
      faults: options.faults,
      onProblem: options.onProblem ?? (() => undefined),
    });
  };
  const { server, port } = await listenTcp(onConnection, { host, port: options.port ?? 0 });
  return {
    port,
    serial: `${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
