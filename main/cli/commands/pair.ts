// `vitre pair HOST:PORT CODE`: Android 11+ wireless debugging pairing, done by the adb server.
import type { Command } from 'commander';
import { AdbServer, parseHostPort } from '../../core/device/index.ts';
import { runDeviceCommand } from './device-command.ts';

export function registerPair(program: Command): void {
  program
    .command('pair')
    .description('Pair with a phone using the code under Wireless debugging > "Pair device with pairing code".')
    .argument('<address>', 'HOST:PORT shown next to the pairing code')
    .argument('<code>', 'the 6-digit pairing code')
    .action((address: string, code: string) =>
      runDeviceCommand(async () => {
        const { host, port } = parseHostPort(address);
        await new AdbServer().pair(host, port, code);
        process.stdout.write(`Paired with ${host}:${port}. Now run "vitre connect" with the address shown under Wireless debugging.\n`);
      }),
    );
}
