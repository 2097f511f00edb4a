// `vitre info TARGET`: what Vitre knows about one phone.
import type { Command } from 'commander';
import { openDevice, type DeviceFacts } from '../../core/device/index.ts';
import { formatBytes, printJson, runDeviceCommand } from './device-command.ts';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Show a phone\'s model, Android version, storage and battery.')
    .argument('<target>', 'a serial from "vitre devices", or tcp:HOST:PORT to reach the phone directly')
    .option('--json', 'print JSON instead of text')
    .action((target: string, options: { json?: boolean }) =>
      runDeviceCommand(async () => {
        const device = await openDevice(target);
        try {
          const facts = await device.facts();
          if (options.json) printJson({ target: device.target, connection: device.connection, ...facts });
          else process.stdout.write(describeFacts(facts));
        } finally {
          await device.close();
        }
      }),
    );
}

export function describeFacts(facts: DeviceFacts): string {
  const lines = [
    `Model:        ${facts.model} (${facts.manufacturer})`,
    `Android:      ${facts.androidVersion}${facts.sdk ? ` (SDK ${facts.sdk})` : ''}`,
    `Serial:       ${facts.serial}`,
  ];
  const { storage, battery } = facts;
  lines.push(
    storage
      ? `Storage:      ${formatBytes(storage.usedBytes)} used, ${formatBytes(storage.freeBytes)} free of ${formatBytes(storage.totalBytes)}`
      : 'Storage:      unknown',
  );
  lines.push(
    battery
      ? `Battery:      ${battery.levelPercent}%${battery.charging ? ', charging' : battery.pluggedIn ? ', plugged in' : ''}`
      : 'Battery:      unknown',
  );
  return `${lines.join('\n')}\n`;
}
