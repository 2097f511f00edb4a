// The device commands: list, facts, connect by address, disconnect, and the simulated phone.
import type { Device, DeviceFacts } from '../../../preload/contract/devices.ts';
import { ApiFailure } from './api-error.ts';
import type { PhoneRegistry } from './phone-registry.ts';
import type { DemoPhoneLauncher, DeviceLayer, PhoneAccess } from './ports.ts';

/** `adb tcpip` listens on 5555 unless told otherwise, so an address without a port means that. */
const DEFAULT_ADB_PORT = 5555;
const CONNECT_TIMEOUT_MS = 15_000;
const FACTS_TIMEOUT_MS = 20_000;

export interface DeviceCommandsOptions {
  registry: PhoneRegistry;
  devices: DeviceLayer;
  demoPhone: DemoPhoneLauncher;
  /** Default: nothing to open (no egress guard in this process). */
  access?: PhoneAccess;
}

export function parseAddress(address: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (match === null) throw new ApiFailure('invalid-input', 'Type the address as HOST:PORT, for example 192.168.1.20:5555.');
  const host = (match[1] ?? '').replace(/^\[|\]$/g, '');
  return { host, port: match[2] === undefined ? DEFAULT_ADB_PORT : Number(match[2]) };
}

export function createDeviceCommands({ registry, devices, demoPhone, access }: DeviceCommandsOptions) {
  return {
    'devices.list': () => registry.list(),

    'devices.facts': async ({ deviceId }: { deviceId: string }): Promise<DeviceFacts> => {
      const signal = AbortSignal.timeout(FACTS_TIMEOUT_MS);
      const direct = registry.directConnection(deviceId);
      const simulated = registry.findDemo()?.id === deviceId;
      if (direct !== undefined) return { ...(await direct.readFacts(signal)), deviceId, simulated };
      const serial = adbSerial(deviceId);
      const connection = await devices.openAdbPhone(serial, signal);
      try {
        return { ...(await connection.readFacts(signal)), deviceId, simulated: false };
      } finally {
        await connection.close();
      }
    },

    'devices.connect': async ({ address }: { address: string }): Promise<Device> => {
      const { host, port } = parseAddress(address);
      const serial = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      const id = `lan:${serial}`;
      const existing = (await registry.list()).devices.find((device) => device.id === id);
      if (existing !== undefined && registry.directConnection(id) !== undefined) return existing;
      // Typing the address is the user's permission to reach that phone.
      access?.allow({ name: serial, host, port }, true);
      const connection = await devices.connectDirect(host, port, AbortSignal.timeout(CONNECT_TIMEOUT_MS));
      const device: Device = {
        id,
        serial,
        model: connection.model,
        transport: 'lan',
        state: 'ready',
        simulated: false,
        address: serial,
      };
      registry.addDirect(device, connection);
      return device;
    },

    'devices.disconnect': async ({ deviceId }: { deviceId: string }): Promise<null> => {
      await registry.remove(deviceId);
      return null;
    },

    'demo-phone.start': async (): Promise<Device> => {
      const running = registry.findDemo();
      if (running !== undefined) return running;
      const demo = await demoPhone.start();
      access?.allow({ name: 'Vitre’s simulated phone', host: demo.host, port: demo.port }, false);
      try {
        const connection = await devices.connectDirect(demo.host, demo.port, AbortSignal.timeout(CONNECT_TIMEOUT_MS));
        const serial = `${demo.host}:${demo.port}`;
        const device: Device = {
          id: `demo:${serial}`,
          serial,
          model: connection.model,
          transport: 'demo',
          state: 'ready',
          simulated: true,
          address: serial,
        };
        registry.addDirect(device, connection, demo);
        return device;
      } catch (error) {
        await demo.stop();
        throw error;
      }
    },

    'demo-phone.stop': async (): Promise<null> => {
      const running = registry.findDemo();
      if (running !== undefined) await registry.remove(running.id);
      return null;
    },
  };
}

function adbSerial(deviceId: string): string {
  const match = /^(?:usb|lan):(.+)$/.exec(deviceId);
  if (match?.[1] === undefined) {
    throw new ApiFailure('not-found', 'That phone is no longer connected. Reconnect it and pick it again from the list.');
  }
  return match[1];
}
