// Gathering DeviceFacts from an opened phone: three shell commands any Android answers without root.
// A backup needs only who the phone is (identity: `getprop` alone): on a real phone `dumpsys
// battery` and `df` are processes of their own, started for figures nobody would read.
import type { OperationOptions } from './deadline.ts';
import type { Device } from './device.ts';
import { parseBattery, parseDf, parseGetprop, type DeviceFacts } from './facts.ts';

/** Who the phone is, as a backup records it. */
export type PhoneIdentity = Pick<DeviceFacts, 'serial' | 'model'>;

function identityFrom(properties: Map<string, string>, device: Device): PhoneIdentity {
  return {
    serial: properties.get('ro.serialno') || properties.get('ro.boot.serialno') || device.serial,
    model: properties.get('ro.product.model') ?? device.model ?? 'unknown',
  };
}

export async function readIdentity(device: Device, options: OperationOptions): Promise<PhoneIdentity> {
  return identityFrom(parseGetprop((await device.shell('getprop', options)).stdout), device);
}

export async function readFacts(device: Device, options: OperationOptions): Promise<DeviceFacts> {
  const [getprop, df, battery] = await Promise.all([
    device.shell('getprop', options),
    device.shell('df', options),
    device.shell('dumpsys battery', options),
  ]);
  const properties = parseGetprop(getprop.stdout);
  const sdk = Number(properties.get('ro.build.version.sdk'));
  return {
    ...identityFrom(properties, device),
    manufacturer: properties.get('ro.product.manufacturer') ?? 'unknown',
    androidVersion: properties.get('ro.build.version.release') ?? 'unknown',
    sdk: Number.isInteger(sdk) && sdk > 0 ? sdk : undefined,
    storage: parseDf(df.stdout),
    battery: parseBattery(battery.stdout),
  };
}
