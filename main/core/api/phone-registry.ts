// Which phones the app can see right now: those the adb server lists, those connected directly by
// address, and the simulated phone. Owns the open direct connections and says when the list changes.
import type { Device, DeviceList, DeviceSourceProblem } from '../../../preload/contract/devices.ts';
import { ApiFailure } from './api-error.ts';
import type { DeviceLayer, PhoneConnection, RunningDemoPhone } from './ports.ts';

interface DirectPhone {
  device: Device;
  connection: PhoneConnection;
  demo: RunningDemoPhone | null;
}

const LIST_TIMEOUT_MS = 5_000;

/**
 * States adb may leave without telling its trackers. Measured with adb 29 (Debian 1:29.0.6):
 * after `adb connect` to a phone that refuses the key, `host:track-devices-l` reports the phone
 * once as "offline" and never again, while `host:devices-l` moves on to "authorizing" and then
 * "unauthorized". While a phone is in one of these states, the list is checked again.
 */
const UNSETTLED = new Set(['connecting', 'authorizing', 'offline']);
const RECHECK_MS = 1_500;

export class PhoneRegistry {
  readonly #devices: DeviceLayer;
  readonly #direct = new Map<string, DirectPhone>();
  readonly #listeners = new Set<() => void>();
  #stopWatching: (() => void) | undefined;
  #recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(devices: DeviceLayer) {
    this.#devices = devices;
    this.#stopWatching = devices.watchAdbPhones?.(() => this.#changed());
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async list(): Promise<DeviceList> {
    const problems: DeviceSourceProblem[] = [];
    const adbPhones = await this.#listAdb(problems);
    const direct = [...this.#direct.values()].map((phone) => phone.device);
    // A phone adb lists by the same address as a direct connection is one phone: show it once.
    const directSerials = new Set(direct.map((device) => device.serial));
    const devices = [...adbPhones.filter((device) => !directSerials.has(device.serial)), ...direct];
    const demoRunning = [...this.#direct.values()].some((phone) => phone.demo !== null);
    if (adbPhones.some((device) => UNSETTLED.has(device.state))) this.#scheduleRecheck();
    return { devices, problems, demoRunning };
  }

  /** Registers a direct connection; it leaves the list by itself when the connection ends. */
  addDirect(device: Device, connection: PhoneConnection, demo: RunningDemoPhone | null = null): void {
    this.#direct.set(device.id, { device, connection, demo });
    void connection.closed.then(() => {
      if (this.#direct.get(device.id)?.connection !== connection) return;
      this.#direct.delete(device.id);
      void demo?.stop();
      this.#changed();
    });
    this.#changed();
  }

  directConnection(id: string): PhoneConnection | undefined {
    return this.#direct.get(id)?.connection;
  }

  findDemo(): Device | undefined {
    return [...this.#direct.values()].find((phone) => phone.demo !== null)?.device;
  }

  async remove(id: string): Promise<void> {
    const phone = this.#direct.get(id);
    if (phone === undefined) {
      const listed = (await this.#listAdb([])).find((device) => device.id === id);
      if (listed?.transport !== 'lan') {
        throw new ApiFailure('not-found', 'That phone is not connected over the network, so there is nothing to disconnect.');
      }
      await this.#devices.disconnectAdbPhone(listed.serial);
      this.#changed();
      return;
    }
    this.#direct.delete(id);
    await phone.connection.close();
    await phone.demo?.stop();
    this.#changed();
  }

  async close(): Promise<void> {
    clearTimeout(this.#recheck);
    this.#recheck = undefined;
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    const phones = [...this.#direct.values()];
    this.#direct.clear();
    await Promise.allSettled(phones.map(async (phone) => {
      await phone.connection.close();
      await phone.demo?.stop();
    }));
  }

  async #listAdb(problems: DeviceSourceProblem[]): Promise<Device[]> {
    try {
      const phones = await this.#devices.listAdbPhones(AbortSignal.timeout(LIST_TIMEOUT_MS));
      return phones.map((phone) => ({
        id: `${phone.transport}:${phone.serial}`,
        serial: phone.serial,
        model: phone.model,
        transport: phone.transport,
        state: phone.state,
        simulated: false,
        address: phone.transport === 'lan' ? phone.serial : null,
      }));
    } catch (error) {
      // Without adb, USB phones cannot be listed, but network and simulated phones still work:
      // report why next to the list instead of failing the whole command.
      const kind = (error as { kind?: unknown }).kind;
      const message = error instanceof Error ? error.message : String(error);
      problems.push({
        kind: kind === 'adb-missing' ? 'adb-missing' : kind === 'adb-too-old' ? 'adb-too-old' : 'adb-unreachable',
        message,
      });
      return [];
    }
  }

  #scheduleRecheck(): void {
    if (this.#recheck !== undefined || this.#listeners.size === 0) return;
    this.#recheck = setTimeout(() => {
      this.#recheck = undefined;
      this.#changed();
    }, RECHECK_MS);
    this.#recheck.unref();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
