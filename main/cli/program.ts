// The `vitre` command. Each subcommand lives in its own file under commands/ and registers itself
// here; this file only assembles them and turns errors into exit codes. main.ts loads it once the
// Node.js version is known to be one Vitre runs on.
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
