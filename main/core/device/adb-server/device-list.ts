// Parsing `host:devices-l` / `host:track-devices-l`, and what each state means to the user.
//
// Line format (AOSP packages/modules/adb/transport.cpp, append_transport):
//   "%-22s %s" serial, state, then " usb:DEVPATH product:P model:M device:D transport_id:N".
// The state is one word except "no permissions (...); see [URL]" (UsbNoPermissionsShortHelpText),
// so we cannot split on spaces blindly. Tango's parser keeps only "device" and "unauthorized".

export type DeviceState =
  | 'ready'
  | 'unauthorized'
  | 'offline'
  | 'no-permissions'
  | 'authorizing'
  | 'connecting'
  | 'bootloader'
  | 'recovery'
  | 'sideload'
  | 'rescue'
  | 'unknown';

export interface ListedDevice {
  serial: string;
  state: DeviceState;
  /** The state exactly as the adb server wrote it. */
  rawState: string;
  model?: string;
  product?: string;
  device?: string;
  transportId?: string;
  /** What to do about a state that is not ready; undefined when ready. */
  help?: string;
}

const STATES: Record<string, DeviceState> = {
  device: 'ready',
  unauthorized: 'unauthorized',
  offline: 'offline',
  authorizing: 'authorizing',
  connecting: 'connecting',
  bootloader: 'bootloader',
  recovery: 'recovery',
  sideload: 'sideload',
  rescue: 'rescue',
};

const HELP: Record<DeviceState, string | undefined> = {
  ready: undefined,
  unauthorized: "Unlock the phone and tap Allow on the 'Allow USB debugging?' prompt.",
  offline:
    'The phone is connected but not answering. Unplug and replug it (or turn USB debugging off and on); for a Wi-Fi phone, reconnect it.',
  'no-permissions':
    'This computer does not let your user open the phone over USB. On Linux, install udev rules for Android (e.g. the android-sdk-platform-tools-common package) and add yourself to the plugdev group, then replug the phone.',
  authorizing: 'Checking whether the phone trusts this computer. Unlock the phone; this takes a few seconds.',
  connecting: 'Connecting to the phone. Wait a few seconds; if it stays like this, replug the phone.',
  bootloader: 'The phone is in its bootloader. Start Android normally to back it up.',
  recovery: 'The phone is in recovery mode. Start Android normally to back it up.',
  sideload: 'The phone is waiting for a sideloaded update. Start Android normally to back it up.',
  rescue: 'The phone is in rescue mode. Start Android normally to back it up.',
  unknown: 'The adb server reports a state Vitre does not know. Replug the phone or restart the adb server.',
};

export function helpForState(state: DeviceState): string | undefined {
  return HELP[state];
}

const FIELD = /^(usb|product|model|device|transport_id):(.*)$/;

export function parseDeviceLine(line: string): ListedDevice | undefined {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const serial = tokens[0];
  if (serial === undefined || tokens.length < 2) return undefined;
  let index = 1;
  let rawState: string;
  if (tokens[1] === 'no' && tokens[2]?.startsWith('permissions')) {
    const stateTokens: string[] = [];
    while (index < tokens.length && !FIELD.test(tokens[index] as string)) {
      stateTokens.push(tokens[index] as string);
      index += 1;
    }
    rawState = stateTokens.join(' ');
  } else {
    rawState = tokens[1] as string;
    index = 2;
  }
  const state: DeviceState = rawState.startsWith('no permissions') ? 'no-permissions' : (STATES[rawState] ?? 'unknown');
  const listed: ListedDevice = { serial, state, rawState };
  for (const token of tokens.slice(index)) {
    const match = FIELD.exec(token);
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (key === 'model') listed.model = value;
    else if (key === 'product') listed.product = value;
    else if (key === 'device') listed.device = value;
    else if (key === 'transport_id') listed.transportId = value;
  }
  const help = helpForState(state);
  if (help !== undefined) listed.help = help;
  return listed;
}

export function parseDeviceList(text: string): ListedDevice[] {
  return text
    .split('\n')
    .map(parseDeviceLine)
    .filter((device): device is ListedDevice => device !== undefined);
}

/** adb writes model names with '_' for spaces (adb.cpp, "sanitize"); show them as people type them. */
export function displayModel(model: string | undefined): string | undefined {
  return model?.replaceAll('_', ' ');
}
