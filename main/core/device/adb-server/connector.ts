// Tango's adb-server client, with its sockets opened through core/net (so the egress guard sees
// them) instead of Tango's own Node connector.
import type { AdbServerClient } from '@yume-chan/adb';
import { connectTcp } from '../../net/tcp.ts';
import { DeviceError, describeError } from '../errors.ts';
import { socketToStreams } from '../socket-streams.ts';

export class AdbServerConnector implements AdbServerClient.ServerConnector {
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;

  constructor(host: string, port: number, timeoutMs = 5_000) {
    this.#host = host;
    this.#port = port;
    this.#timeoutMs = timeoutMs;
  }

  async connect(options: AdbServerClient.ServerConnectionOptions = {}): Promise<AdbServerClient.ServerConnection> {
    let socket;
    try {
      socket = await connectTcp(this.#host, this.#port, {
        timeoutMs: this.#timeoutMs,
        ...(options.signal ? { signal: options.signal as AbortSignal } : {}),
      });
    } catch (error) {
      throw new DeviceError(
        'unreachable',
        `No adb server answers on ${this.#host}:${this.#port} (${describeError(error)}). Start it with "adb start-server" or check ANDROID_ADB_SERVER_PORT.`,
        { cause: error },
      );
    }
    if (options.unref) socket.unref();
    return socketToStreams(socket, `the adb server on port ${this.#port}`);
  }

  // Reverse tunnels (device → computer connections) are not something Vitre offers: refusing them
  // keeps every listening socket under core/net's control.
  addReverseTunnel(): never {
    throw new DeviceError('refused', 'Reverse tunnels are not supported.');
  }

  removeReverseTunnel(): void {}

  clearReverseTunnels(): void {}
}
