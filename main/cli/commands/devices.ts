// `vitre devices`, and the entry point registering every device command (connect, pair, info).
import type { Command } from 'commander';
import { AdbServer, displayModel, type ListedDevice } from '../../core/device/index.ts';
import { registerConnect } from './connect.ts';
import { printJson, runDeviceCommand } from './device-command.ts';
import { registerInfo } from './info.ts';
import { registerPair } from './pair.ts';

export function registerDevices(program: Command): void {
  program
    .command('devices')
    .description('List phones the adb server knows (USB and Wi-Fi), with their state and what to do about it.')
    .option('--json', 'print JSON instead of text')
    .action((options: { json?: boolean }) => runDeviceCommand(() => listDevices(options.json === true)));
  registerConnect(program);
  registerPair(program);
  registerInfo(program);
}

export function deviceJson(device: ListedDevice): Record<string, unknown> {
  return {
    serial: device.serial,
    state: device.state,
    adbState: device.rawState,
    model: displayModel(device.model) ?? null,
    product: device.product ?? null,
    device: device.device ?? null,
    help: device.help ?? null,
  };
}

async function listDevices(json: boolean): Promise<void> {
  const devices = await new AdbServer().devices();
  if (json) {
    printJson({ devices: devices.map(deviceJson) });
    return;
  }
  if (devices.length === 0) {
    process.stdout.write('No phones found. Plug one in with USB debugging on, or run "vitre connect HOST:PORT" for a Wi-Fi phone.\n');
    return;
  }
  const width = Math.max(...devices.map((device) => device.serial.length));
  for (const device of devices) {
    const model = displayModel(device.model) ?? '';
    process.stdout.write(`${device.serial.padEnd(width)}  ${device.state.padEnd(14)}  ${model}\n`);
    if (device.help) process.stdout.write(`${' '.repeat(width)}  ${device.help}\n`);
  }
}
