// Gathering DeviceFacts from an opened phone: three shell commands any Android answers without root.
import type { OperationOptions } from './deadline.ts';
import type { Device } from './device.ts';
import { parseBattery, parseDf, parseGetprop, type DeviceFacts } from './facts.ts';

export async function readFacts(device: Device, options: OperationOptions): Promise<DeviceFacts> {
  const [getprop, df, battery] = await Promise.all([
    device.shell('getprop', options),
    device.shell('df', options),
    device.shell('dumpsys battery', options),
  ]);
  const properties = parseGetprop(getprop.stdout);
  const sdk = Number(properties.get('ro.build.version.sdk'));
  return {
    serial: properties.get('ro.serialno') || properties.get('ro.boot.serialno') || device.serial,
    model: properties.get('ro.product.model') ?? device.model ?? 'unknown',
    manufacturer: properties.get('ro.product.manufacturer') ?? 'unknown',
    androidVersion: properties.get('ro.build.version.release') ?? 'unknown',
    sdk: Number.isInteger(sdk) && sdk > 0 ? sdk : undefined,
    storage: parseDf(df.stdout),
    battery: parseBattery(battery.stdout),
  };
}
