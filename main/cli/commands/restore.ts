// `vitre restore DIR --snapshot ID --to TARGET`: put a snapshot (or some of its paths) back on a
// phone, with dates; --dry-run lists what would change and changes nothing.
import type { Command } from 'commander';
import { checkRestore, restoreSnapshot, type RestoreReport } from '../../core/backup/index.ts';
import { EXIT, refuseUsage } from '../exit-codes.ts';
import { runEngineCommand, withDevice } from './backup.ts';
import { loadCloudCommands } from './cloud-loader.ts';
import { formatBytes, printJson } from './device-command.ts';

function describe(report: RestoreReport): string {
  const lines: string[] = [];
  const changes = report.actions.filter((a) => a.action !== 'unchanged');
  for (const action of changes) lines.push(`${action.action === 'create' ? 'create ' : 'replace'} ${action.target}`);
  const unchanged = report.actions.length - changes.length;
  if (report.dryRun) lines.push(`Dry run: ${changes.length} files would be written, ${unchanged} are already identical on the phone. Nothing was changed.`);
  else lines.push(`Restored ${report.restored} files (${formatBytes(report.bytes)}); ${unchanged} were already identical.`);
  for (const problem of report.problems) lines.push(`  ! ${problem.path}: ${problem.message}`);
  if (report.steps.length > 0) lines.push('Then, on the phone:', ...report.steps.map((step) => `  - ${step}`));
  return `${lines.join('\n')}\n`;
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('Put a snapshot, or some of its files, back on a phone with their dates.')
    .argument('[dir]', 'the backup folder (not with --from-destination)')
    .option('--snapshot <id>', 'which snapshot ("vitre snapshots DIR" lists them; required for a folder)')
    .requiredOption('--to <target>', 'the phone: a serial, or tcp:HOST:PORT')
    .option('--from-destination <name>', 'restore from an encrypted cloud destination instead of a folder')
    .option('--only <path>', 'a file or folder of the snapshot to restore (repeatable; /sdcard/... accepted)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--dry-run', 'list what would change, change nothing')
    .option('--json', 'print JSON instead of text')
    .action((dir: string | undefined, options: RestoreOptions) => {
      if (options.fromDestination !== undefined) return restoreFromCloud(options.fromDestination, options);
      if (dir === undefined || options.snapshot === undefined) {
        return refuseUsage('Name the backup folder and --snapshot ID, or use --from-destination NAME.');
      }
      const [folder, snapshotId] = [dir, options.snapshot];
      const only = options.only.length > 0 ? { only: options.only } : {};
      return runEngineCommand(async () => {
        // The folder, snapshot and paths first: what the user typed is checked before a phone is reached.
        await checkRestore({ folder, snapshotId, ...only });
        await withDevice(options.to, async (device) => {
          const report = await restoreSnapshot({ folder, snapshotId, device, ...only, dryRun: options.dryRun ?? false });
          if (options.json) printJson(report);
          else process.stdout.write(describe(report));
          if (report.problems.length > 0) process.exitCode = EXIT.failure;
        });
      });
    });
}

interface RestoreOptions {
  snapshot?: string;
  to: string;
  fromDestination?: string;
  only: string[];
  dryRun?: boolean;
  json?: boolean;
}

async function restoreFromCloud(destination: string, options: RestoreOptions): Promise<void> {
  if (options.dryRun) return refuseUsage('--dry-run works with a backup folder, not yet with --from-destination.');
  const { runCloudCommand, restoreFromDestinationCommand } = await loadCloudCommands();
  return runCloudCommand(() =>
    restoreFromDestinationCommand({
      destination,
      toPhone: options.to,
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(options.only.length > 0 ? { only: options.only } : {}),
    }),
  );
}
