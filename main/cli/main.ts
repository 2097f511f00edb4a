#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=40
// The `vitre` command. Each subcommand lives in its own file under commands/ and registers itself
// here; this file only assembles them and turns errors into exit codes.
// The flags on the first line bound V8's heap growth, which Node otherwise sizes from the machine's
// memory. The first caps the young generation: peak RSS of a 50,000-file rerun fell from ~445 MB
// to ~345 MB at no cost in time. The second lets the old generation grow 1.4× past what is live
// before collecting, where V8 allows up to 4× for a small heap: a first backup of 50,000 files
// peaked at 261 MB instead of 341–352 MB, in about the same CPU time; unlike a heap cap it cannot
// run out on a larger phone (test/bench/backup.bench.ts). npm's Windows shims read the flags
// from this line too.
// The egress guard first: it must wrap the network before any other module is evaluated.
import './egress.ts';
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.ts';
import { registerActivity } from './commands/activity.ts';
import { registerBackup } from './commands/backup.ts';
import { registerCloud } from './commands/cloud.ts';
import { registerDemoPhone } from './commands/demo-phone.ts';
import { registerDestination } from './commands/destination.ts';
import { registerDevices } from './commands/devices.ts';
import { registerRestore } from './commands/restore.ts';
import { registerScan } from './commands/scan.ts';
import { registerServe, registerStart } from './commands/serve.ts';
import { registerSnapshots } from './commands/snapshots.ts';
import { registerVerify } from './commands/verify.ts';

const program = new Command()
  .name('vitre')
  .description('Back up an Android phone to a folder or your own cloud, and see every request it makes.')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

// In the order a newcomer meets them: find the phone, back it up, check and restore, look around.
registerStart(program);
registerDevices(program);
registerScan(program);
registerBackup(program);
registerSnapshots(program);
registerVerify(program);
registerRestore(program);
registerDestination(program);
registerCloud(program);
registerActivity(program);
registerServe(program);
registerDemoPhone(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  throw error;
}
