// The `vitre` command. Each subcommand lives in its own file under commands/ and registers itself
// here; this file only assembles them and turns errors into exit codes. main.ts loads it once the
// Node.js version is known to be one Vitre runs on.
// The egress guard first: it must wrap the network before any other module is evaluated.
import './egress.ts';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './command-modules.ts';
import { EXIT } from './exit-codes.ts';

const program = new Command()
  .name('vitre')
  .description('Back up an Android phone to a folder or your own cloud, and see every request it makes.')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

// Only the modules of the command this line names (all of them for --help and the like).
await registerCommands(program, process.argv[2]);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  // Every failure Vitre foresees is worded by its command; anything else is a fault in Vitre, not
  // in what the user did. Say so plainly, with what a report needs, rather than Node's dump.
  const text = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`vitre: Vitre failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\nThis is a fault in Vitre, not in what you did. Please report it with the command you ran and these lines:\n${text}\n`);
  process.exit(EXIT.failure);
}
