// The one way to open a phone: `openDevice('SERIAL')` through the adb server, or
// `openDevice('tcp:HOST:PORT')` straight to its adbd.
import { Adb } from '@yume-chan/adb';
import { AdbServer, type AdbServerOptions } from './adb-server/adb-server.ts';
import type { ListedDevice } from './adb-server/device-list.ts';
import { connectDirect } from './direct/connect-direct.ts';
import { Device } from './device.ts';
import { Watchdog } from './deadline.ts';
import { DeviceError, describeError } from './errors.ts';
import { KeyStore } from './key-store.ts';
import { openServerChannel } from './sync/server-channel.ts';
import { formatTarget, parseTarget, type DeviceTarget } from './target.ts';

export interface OpenDeviceOptions {
  /** The adb server to use for serial targets (or options to make one). */
  adbServer?: AdbServer | AdbServerOptions;
  /** Keys for direct connections; default: Vitre's data folder, plus adb's own key. */
  keyStore?: KeyStore;
  signal?: AbortSignal;
  /** Direct only: time for the phone to answer the handshake (and the user to tap Allow). */
  handshakeTimeoutMs?: number;
  /** Time limit for opening (adb server requests, TCP connect). */
  timeoutMs?: number;
}

export async function openDevice(target: string | DeviceTarget, options: OpenDeviceOptions = {}): Promise<Device> {
  const parsed = typeof target === 'string' ? parseTarget(target) : target;
  const name = formatTarget(parsed);
  if (parsed.kind === 'direct') {
    const { transport, lanes } = await connectDirect(parsed.host, parsed.port, {
      keyStore: options.keyStore ?? new KeyStore(),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs ? { connectTimeoutMs: options.timeoutMs } : {}),
      ...(options.handshakeTimeoutMs ? { handshakeTimeoutMs: options.handshakeTimeoutMs } : {}),
    });
    const adb = new Adb(transport);
    return new Device(adb, { target: name, serial: transport.serial, connection: 'direct' }, { openSync: () => lanes.open(adb) });
  }
  const server = options.adbServer instanceof AdbServer ? options.adbServer : new AdbServer(options.adbServer);
  const listed = (await server.devices(options.signal ? { signal: options.signal } : {})).find((device) => device.serial === parsed.serial);
  assertReady(listed, parsed.serial);
  const watchdog = new Watchdog({ what: `Opening ${name}`, defaultTimeoutMs: options.timeoutMs ?? 10_000 }, options);
  watchdog.arm();
  try {
    const transport = await watchdog.race(server.client.createTransport({ serial: parsed.serial }));
    const openSync = () => openServerChannel({ port: server.port, serial: parsed.serial, timeoutMs: options.timeoutMs ?? 10_000 });
    return new Device(new Adb(transport), { target: name, serial: parsed.serial, connection: 'adb-server' }, { openSync });
  } catch (error) {
    if (error instanceof DeviceError && error.kind !== 'protocol') throw error;
    throw new DeviceError('unreachable', `Could not open ${parsed.serial} through the adb server: ${describeError(error)} Run "vitre devices" to check its state.`, {
      cause: error,
    });
  } finally {
    watchdog.dispose();
  }
}

function assertReady(listed: ListedDevice | undefined, serial: string): void {
  if (!listed) {
    throw new DeviceError(
      'unreachable',
      `No device "${serial}" is connected to the adb server. Run "vitre devices" to see what is connected (for a Wi-Fi phone, "vitre connect HOST:PORT" first).`,
    );
  }
  if (listed.state === 'ready') return;
  const kind = listed.state === 'unauthorized' ? 'unauthorized' : listed.state === 'no-permissions' ? 'refused' : 'unreachable';
  throw new DeviceError(kind, `${serial} is ${listed.rawState}. ${listed.help ?? ''}`.trim());
}
