#!/usr/bin/env node
// The `vitre` command. Each subcommand lives in its own file under commands/ and registers itself
// here; this file only assembles them and turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.ts';
import { registerDemoPhone } from './commands/demo-phone.ts';
import { registerDevices } from './commands/devices.ts';
import { registerActivity } from './commands/activity.ts';

const program = new Command()
  .name('vitre')
  .description('Back up an Android phone to a folder or your own cloud, and see every request it makes.')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

registerDemoPhone(program);
registerDevices(program);
registerActivity(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  throw error;
}
