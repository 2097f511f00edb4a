// The API's device seam (ports.ts) on top of the device layer: phones the adb server lists (with
// live hotplug through `host:track-devices-l`) and direct TCP connections to a phone's adbd.
import {
  AdbServer,
  displayModel,
  openDevice,
  parseHostPort,
  type AdbServerOptions,
  type Device,
  type DeviceTracker,
  type KeyStore,
  type ListedDevice,
} from '../device/index.ts';
import type { AdbListedPhone, DeviceLayer, PhoneConnection, PhoneFacts } from './ports.ts';

export interface AdbDeviceLayerOptions {
  adbServer?: AdbServerOptions;
  /** Keys for direct connections; default: Vitre's data folder plus adb's own key. */
  keyStore?: KeyStore;
}

export interface ClosableDeviceLayer extends DeviceLayer {
  close(): Promise<void>;
}

export function adbDeviceLayer(options: AdbDeviceLayerOptions = {}): ClosableDeviceLayer {
  const server = new AdbServer(options.adbServer);
  const watchers = new Set<() => void>();
  let tracker: Promise<DeviceTracker | undefined> | undefined;

  // Tracking starts with the first listing (which also starts the adb server when needed). If the
  // server goes away, the next listing reports why and tries again.
  const ensureTracking = () => {
    tracker ??= server.trackDevices().then(
      (started) => {
        started.onEvent(() => watchers.forEach((watcher) => watcher()));
        started.onError(() => {
          tracker = undefined;
          watchers.forEach((watcher) => watcher());
        });
        return started;
      },
      () => {
        // The listing that triggered this reports the same failure to the user; retry next time.
        tracker = undefined;
        return undefined;
      },
    );
  };

  return {
    async listAdbPhones() {
      const listed = await server.devices();
      if (watchers.size > 0) ensureTracking();
      return listed.map(toListedPhone);
    },
    watchAdbPhones(onChange) {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    async openAdbPhone(serial, signal) {
      return asConnection(await openDevice({ kind: 'adb-server', serial }, { adbServer: server, signal }));
    },
    async disconnectAdbPhone(serial) {
      const { host, port } = parseHostPort(serial);
      await server.disconnect(host, port);
    },
    async connectDirect(host, port, signal) {
      const device = await openDevice(
        { kind: 'direct', host, port },
        { signal, ...(options.keyStore ? { keyStore: options.keyStore } : {}) },
      );
      return asConnection(device);
    },
    async close() {
      watchers.clear();
      const running = await tracker;
      tracker = undefined;
      await running?.stop();
    },
  };
}

function toListedPhone(device: ListedDevice): AdbListedPhone {
  // adb names network phones HOST:PORT (`adb connect`) or by their mDNS service instance
  // (`adb-SERIAL-xxxx._adb-tls-connect._tcp`); USB serials contain neither.
  const lan = device.serial.includes(':') || device.serial.includes('._adb-tls-connect.');
  return {
    serial: device.serial,
    state: device.state,
    model: displayModel(device.model) ?? null,
    transport: lan ? 'lan' : 'usb',
  };
}

function asConnection(device: Device): PhoneConnection {
  return {
    model: device.model ?? null,
    closed: device.disconnected,
    close: () => device.close(),
    async readFacts(signal): Promise<PhoneFacts> {
      const facts = await device.facts({ signal });
      return {
        manufacturer: facts.manufacturer || null,
        model: facts.model || null,
        androidVersion: facts.androidVersion || null,
        sdkLevel: facts.sdk ?? null,
        storage: facts.storage ? { totalBytes: facts.storage.totalBytes, freeBytes: facts.storage.freeBytes } : null,
        battery: facts.battery ? { percent: facts.battery.levelPercent, charging: facts.battery.charging } : null,
      };
    },
  };
}
