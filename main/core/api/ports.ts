// What the API needs from the device layer and the simulated phone, in its own words. The
// composition root (create-engine.ts) plugs the real implementations in; keeping the seam here
// means the API's rules (ids, states, events, errors) are written once, whatever reaches the phone.
import type {
  ActivityEntry,
  ActivityExport,
  ActivityExportFormat,
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecordDetail,
  ActivityTotals,
  ActivityVerification,
} from '../../../preload/contract/activity.ts';
import type { Settings, SettingsChange } from '../../../preload/contract/settings.ts';
import type { DeviceFacts, DeviceState } from '../../../preload/contract/devices.ts';

/** One phone as the adb server lists it. */
export interface AdbListedPhone {
  serial: string;
  state: DeviceState;
  model: string | null;
  /** adb lists USB phones and network phones it was told to `adb connect` to. */
  transport: 'usb' | 'lan';
}

/** The facts a phone reports about itself; the API adds which phone they belong to. */
export type PhoneFacts = Omit<DeviceFacts, 'deviceId' | 'simulated'>;

/** An open connection to one phone. */
export interface PhoneConnection {
  /** From the phone's connect banner (`ro.product.model`), when it sent one. */
  readonly model: string | null;
  readFacts(signal: AbortSignal): Promise<PhoneFacts>;
  /** Resolves when the connection ends, for whatever reason. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface DeviceLayer {
  /** Throws an error with `kind` 'adb-missing' or 'unreachable' when the adb server cannot be used. */
  listAdbPhones(signal: AbortSignal): Promise<AdbListedPhone[]>;
  /** Calls `onChange` whenever the adb server's list changes; returns the function that stops. */
  watchAdbPhones?(onChange: () => void): () => void;
  openAdbPhone(serial: string, signal: AbortSignal): Promise<PhoneConnection>;
  /** `adb disconnect` of a network phone the adb server lists (serial HOST:PORT). */
  disconnectAdbPhone(serial: string): Promise<void>;
  /** Talks to a phone's adbd directly over TCP, without an adb server. */
  connectDirect(host: string, port: number, signal: AbortSignal): Promise<PhoneConnection>;
}

export interface RunningDemoPhone {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface DemoPhoneLauncher {
  start(): Promise<RunningDemoPhone>;
}

/**
 * Opens the egress guard (main/core/net) to a phone the user chose: one connected by address is
 * remembered in their policy; the simulated phone is allowed for this run only.
 */
export interface PhoneAccess {
  allow(phone: { name: string; host: string; port: number }, remember: boolean): void;
}

/** The activity log, read by the Activity view. */
export interface ActivitySource {
  list(query: ActivityQuery): ActivityPage;
  /** One record in full, or null when there is none with that id (pruned, or never written). */
  record(id: number): ActivityRecordDetail | null;
  totals(filter: ActivityFilter): ActivityTotals;
  verify(): Promise<ActivityVerification>;
  export(format: ActivityExportFormat, raw: boolean): Promise<ActivityExport>;
  /** Calls `listener` with records as they are appended; returns the function that stops. */
  watch(listener: (entries: ActivityEntry[]) => void): () => void;
}

/** The user's settings behind the network policy, and where Vitre keeps its data. */
export interface SettingsSource {
  get(): Settings;
  update(change: SettingsChange): Settings;
}
