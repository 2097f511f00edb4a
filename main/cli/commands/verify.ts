// `vitre verify DIR`: re-hash a snapshot's stored copies (and, with --against, re-read the phone).
import type { Command } from 'commander';
import { catalogRebuiltSentence, verifySnapshot, type VerifyReport } from '../../core/backup/index.ts';
import { EXIT, refuseUsage } from '../exit-codes.ts';
import { runEngineCommand, withDevice } from './backup.ts';
import { loadCloudCommands } from './cloud-loader.ts';
import { formatBytes, printJson } from './device-command.ts';

function describe(report: VerifyReport): string {
  const lines = [
    `${report.rebuiltCatalog ? `${catalogRebuiltSentence(report.damagedCatalog)}\n` : ''}Snapshot ${report.snapshotId}: ${report.entries} items, ${report.objectsChecked} stored copies re-hashed (${formatBytes(report.bytesChecked)}).`,
  ];
  for (const [category, count] of Object.entries(report.categories)) {
    const phone = count.onPhone === undefined ? '' : `; ${count.files} files, ${count.onPhone} on the phone now`;
    lines.push(`  ${category.padEnd(12)} ${count.entries} in snapshot${phone}`);
  }
  for (const problem of report.problems) lines.push(`  ! ${problem.path}: ${problem.message}`);
  lines.push(report.ok ? 'Verified: every copy matches.' : `${report.problems.length} problems found.`);
  return `${lines.join('\n')}\n`;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check that a snapshot\'s copies are intact (and, with --against, match the phone).')
    .argument('[dir]', 'the backup folder (not with --destination)')
    .option('--snapshot <id>', 'which snapshot (default: the newest complete one)')
    .option('--against <target>', 're-read every file from this phone and compare')
    .option('--destination <name>', 'verify an encrypted cloud destination instead of a folder')
    .option('--sample <n>', 'with --destination: download and check N random files instead of all', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON instead of text')
    .action((dir: string | undefined, options: { snapshot?: string; against?: string; destination?: string; sample?: number; json?: boolean }) => {
      if (options.destination !== undefined) {
        const destination = options.destination;
        return loadCloudCommands().then(({ runCloudCommand, verifyDestinationCommand }) =>
          runCloudCommand(() => verifyDestinationCommand({ destination, ...(options.sample ? { sample: options.sample } : {}), json: options.json === true })),
        );
      }
      if (dir === undefined) return refuseUsage('Name the backup folder, or use --destination NAME.');
      return runEngineCommand(async () => {
        const run = async (device?: Parameters<typeof verifySnapshot>[0]['device']) => {
          const report = await verifySnapshot({ folder: dir, ...(options.snapshot ? { snapshotId: options.snapshot } : {}), ...(device ? { device } : {}) });
          if (options.json) printJson(report);
          else process.stdout.write(describe(report));
          if (!report.ok) process.exitCode = EXIT.failure;
        };
        if (options.against) await withDevice(options.against, run);
        else await run();
      });
    });
}
