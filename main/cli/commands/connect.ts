// `vitre connect HOST:PORT [--direct]`: add a Wi-Fi phone to the adb server, or (--direct) check
// that Vitre can reach its adbd on its own.
import type { Command } from 'commander';
import { AdbServer, displayModel, openDevice, parseHostPort } from '../../core/device/index.ts';
import { guardPhoneAccess } from '../../core/api/guard-phone-access.ts';
import { startEgressGuard } from '../../core/net/egress-guard.ts';
import { runDeviceCommand } from './device-command.ts';

/** A phone the user connected by address joins their policy as "a phone you connected". */
function rememberPhone(name: string, host: string, port: number): void {
  guardPhoneAccess(startEgressGuard()).allow({ name, host, port }, true);
}

export function registerConnect(program: Command): void {
  program
    .command('connect')
    .description('Connect to a phone over Wi-Fi (wireless debugging or "adb tcpip") through the adb server.')
    .argument('<address>', 'HOST:PORT of the phone (port 5555 when omitted)')
    .option('--direct', 'connect straight to the phone, without the adb server, and show what it reports')
    .action((address: string, options: { direct?: boolean }) =>
      runDeviceCommand(() => (options.direct ? connectDirectly(address) : connectThroughServer(address))),
    );
}

async function connectThroughServer(address: string): Promise<void> {
  const { host, port } = parseHostPort(address, 5555);
  const server = new AdbServer();
  const result = await server.connect(host, port);
  const listed = (await server.devices()).find((device) => device.serial === result.serial);
  const model = displayModel(listed?.model);
  rememberPhone(displayModel(listed?.model) ?? result.serial, host, port);
  const verb = result.alreadyConnected ? 'Already connected to' : 'Connected to';
  process.stdout.write(`${verb} ${result.serial}${model ? ` (${model})` : ''}.\n`);
  if (listed?.help) process.stdout.write(`${listed.help}\n`);
}

async function connectDirectly(address: string): Promise<void> {
  const { host, port } = parseHostPort(address, 5555);
  const device = await openDevice({ kind: 'direct', host, port });
  try {
    rememberPhone(device.model ?? device.serial, host, port);
    process.stdout.write(`Connected directly to ${device.serial}${device.model ? ` (${device.model})` : ''}. Use it as tcp:${device.serial}.\n`);
  } finally {
    await device.close();
  }
}
