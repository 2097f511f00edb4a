// Live hotplug from `host:track-devices-l`: the server sends the whole list (4 hex digits of
// length + text) now and again after every change (AOSP adb/transport.cpp, device_tracker_send).
// We diff consecutive lists by serial and report what a user would notice.
import type { AdbServerStream } from '@yume-chan/adb';
import { DeviceError, describeError } from '../errors.ts';
import { parseDeviceList, type ListedDevice } from './device-list.ts';

export type DeviceEvent =
  | { type: 'added'; device: ListedDevice }
  | { type: 'removed'; device: ListedDevice }
  | { type: 'state-changed'; device: ListedDevice; previous: ListedDevice };

export type DeviceEventListener = (event: DeviceEvent) => void;

export class DeviceTracker {
  readonly #stream: AdbServerStream;
  readonly #listeners = new Set<DeviceEventListener>();
  readonly #errorListeners = new Set<(error: DeviceError) => void>();
  #current = new Map<string, ListedDevice>();
  #stopped = false;

  private constructor(stream: AdbServerStream) {
    this.#stream = stream;
  }

  static async start(stream: AdbServerStream): Promise<DeviceTracker> {
    const tracker = new DeviceTracker(stream);
    tracker.#apply(await stream.readString());
    void tracker.#loop();
    return tracker;
  }

  /** Devices as of the last update. */
  get devices(): ListedDevice[] {
    return [...this.#current.values()];
  }

  /** Returns the unsubscribe function. */
  onEvent(listener: DeviceEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called once if the adb server goes away; the tracker is then stopped. */
  onError(listener: (error: DeviceError) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#stream.dispose();
  }

  async #loop(): Promise<void> {
    try {
      for (;;) this.#apply(await this.#stream.readString());
    } catch (error) {
      if (this.#stopped) return;
      this.#stopped = true;
      const lost = new DeviceError(
        'unreachable',
        `Lost contact with the adb server (${describeError(error)}). It may have been stopped; Vitre will list devices again once it is back.`,
        { cause: error },
      );
      for (const listener of this.#errorListeners) listener(lost);
    }
  }

  #apply(text: string): void {
    const next = new Map(parseDeviceList(text).map((device) => [device.serial, device]));
    const events: DeviceEvent[] = [];
    for (const [serial, device] of next) {
      const previous = this.#current.get(serial);
      if (!previous) events.push({ type: 'added', device });
      else if (previous.rawState !== device.rawState) events.push({ type: 'state-changed', device, previous });
    }
    for (const [serial, device] of this.#current) {
      if (!next.has(serial)) events.push({ type: 'removed', device });
    }
    this.#current = next;
    for (const event of events) for (const listener of this.#listeners) listener(event);
  }
}
