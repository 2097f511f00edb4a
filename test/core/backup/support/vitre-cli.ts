// The `vitre` command with the backup commands registered, for tests until main/cli/main.ts
// registers them itself (same assembly as main.ts).
import { Command, CommanderError } from 'commander';
import { EXIT } from '../../../../main/cli/exit-codes.ts';
import { registerBackup } from '../../../../main/cli/commands/backup.ts';
import { registerRestore } from '../../../../main/cli/commands/restore.ts';
import { registerScan } from '../../../../main/cli/commands/scan.ts';
import { registerSnapshots } from '../../../../main/cli/commands/snapshots.ts';
import { registerVerify } from '../../../../main/cli/commands/verify.ts';

const program = new Command().name('vitre').exitOverride().showHelpAfterError();
registerScan(program);
registerBackup(program);
registerSnapshots(program);
registerVerify(program);
registerRestore(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  throw error;
}
