// `vitre demo-phone`: runs a simulated Android phone that adb, Vitre and any ADB client can
// connect to over TCP, for demos, tests and benchmarks without a real phone.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { createDemoPhone } from '../../core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../core/demo-phone/options.ts';
import type { PhoneOptions } from '../../core/demo-phone/options.ts';
import { startDemoPhone } from '../../core/demo-phone/server.ts';
import { EXIT } from '../exit-codes.ts';

interface DemoPhoneFlags {
  port: number;
  host: string;
  seed: number;
  photos: number;
  videos: number;
  contacts: number;
  messages: number;
  calls: number;
  files: number;
  file: Array<{ path: string; size: number }>;
  profile: PhoneOptions['profile'];
  auth: PhoneOptions['auth'];
  trustKey: string[];
  acceptNewKeys?: boolean;
  dropAfterBytes?: number;
  stallAfterBytes?: number;
  corruptPacket?: number;
  denyProvider: string[];
  hostileNames?: boolean;
  processStartMs: number;
}

export function registerDemoPhone(program: Command): void {
  const d = DEFAULT_PHONE_OPTIONS;
  program
    .command('demo-phone')
    .description('Run a simulated Android phone that adb and Vitre can connect to over TCP.')
    .option('--port <n>', 'TCP port to listen on', count, 15555)
    .option('--host <address>', 'address to listen on (loopback keeps it off the network)', '127.0.0.1')
    .option('--seed <n>', 'seed for the generated content (same seed, same phone)', count, d.seed)
    .option('--photos <n>', 'photos in DCIM/Camera', count, d.photos)
    .option('--videos <n>', 'videos in DCIM/Camera', count, d.videos)
    .option('--contacts <n>', 'contacts', count, d.contacts)
    .option('--messages <n>', 'SMS/MMS messages', count, d.messages)
    .option('--calls <n>', 'call log entries', count, d.calls)
    .option('--files <n>', 'extra small documents in deep folders', count, d.files)
    .option('--file <path:size>', 'an extra file of this size, e.g. /sdcard/Movies/big.mp4:1G (repeatable)', extraFile, [])
    .addOption(new Option('--profile <name>', 'which phone to imitate').choices(['pixel', 'miui']).default(d.profile))
    .addOption(new Option('--auth <mode>', 'ask for RSA authentication like a real phone').choices(['none', 'rsa']).default(d.auth))
    .option('--trust-key <adbkey.pub>', 'a public key the phone already trusts (repeatable)', collect, [])
    .option('--accept-new-keys', 'trust any key adb offers, as if you tapped "Allow USB debugging"')
    .option('--process-start-ms <n>', 'each content, pm, dumpsys, am, cmd or settings command first waits this long, as a real phone starting its Java process does', count, 0)
    .option('--drop-after-bytes <n>', 'fault: close the connection after sending this many bytes', count)
    .option('--stall-after-bytes <n>', 'fault: stop sending (connection stays open) after this many bytes', count)
    .option('--corrupt-packet <n>', 'fault: damage the Nth packet sent (adb then drops the connection)', count)
    .option('--deny-provider <authority>', 'fault: this content provider answers with a SecurityException (repeatable)', collect, [])
    .option('--hostile-names', 'fault: add files with hostile names (.., control characters, reserved names, ...)')
    .action((flags: DemoPhoneFlags) => runDemoPhone(flags));
}

async function runDemoPhone(flags: DemoPhoneFlags): Promise<void> {
  const options: PhoneOptions = {
    seed: flags.seed,
    photos: flags.photos,
    videos: flags.videos,
    contacts: flags.contacts,
    messages: flags.messages,
    calls: flags.calls,
    files: flags.files,
    extraFiles: flags.file,
    profile: flags.profile,
    auth: flags.auth,
    trustedKeys: flags.trustKey.map((path) => readFileSync(path, 'utf8')),
    acceptNewKeys: flags.acceptNewKeys ?? false,
    processStartMs: flags.processStartMs,
    faults: {
      dropAfterBytes: flags.dropAfterBytes,
      stallAfterBytes: flags.stallAfterBytes,
      corruptPacket: flags.corruptPacket,
      denyProviders: flags.denyProvider,
      hostileNames: flags.hostileNames ?? false,
    },
  };
  const phone = createDemoPhone(options);
  let running;
  try {
    running = await startDemoPhone(phone, {
      ...options,
      port: flags.port,
      host: flags.host,
      onProblem: (error) => process.stderr.write(`Simulated phone: ${error.message}\n`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`Port ${flags.port} on ${flags.host} is already in use. Pick another with --port (0 picks a free one).\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  const model = phone.properties.get('ro.product.model') ?? 'Simulated phone';
  const address = `${flags.host}:${running.port}`;
  process.stdout.write(
    `Simulated phone "${model}" listening on ${address} (serial ${running.serial}). Connect with: vitre connect ${address}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('Expected a whole number, 0 or more.');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** `PATH:SIZE` where SIZE is bytes or a number with K, M or G (binary units): `/sdcard/a.bin:1G`. */
function extraFile(value: string, previous: Array<{ path: string; size: number }>): Array<{ path: string; size: number }> {
  const match = /^(\/.+):(\d+)([KMG]?)i?B?$/i.exec(value);
  if (match === null) throw new InvalidArgumentError('Expected PATH:SIZE, e.g. /sdcard/Movies/big.mp4:1G');
  const size = Number(match[2]) * UNITS[match[3]!.toUpperCase()]!;
  return [...previous, { path: match[1]!, size }];
}
