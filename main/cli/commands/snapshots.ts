// `vitre snapshots DIR`: the snapshots a backup folder holds (rebuilding the catalog from the
// manifests first if it is missing or damaged).
import type { Command } from 'commander';
import { allSnapshots, catalogRebuiltSentence, openBackup } from '../../core/backup/index.ts';
import { getDevice } from '../../core/catalog/devices.ts';
import { runEngineCommand } from './backup.ts';
import { formatBytes, printJson } from './device-command.ts';

export function registerSnapshots(program: Command): void {
  program
    .command('snapshots')
    .description('List the snapshots in a backup folder.')
    .argument('<dir>', 'the backup folder')
    .option('--json', 'print JSON instead of text')
    .action((dir: string, options: { json?: boolean }) =>
      runEngineCommand(async () => {
        const { db, rebuilt, damagedCatalog } = await openBackup(dir);
        try {
          const snapshots = allSnapshots(db).map((s) => {
            const phone = getDevice(db, s.deviceId);
            return { ...s, phone: phone ? { serial: phone.serial, model: phone.model } : null };
          });
          if (options.json) {
            printJson({ folder: dir, rebuiltCatalog: rebuilt, ...(damagedCatalog ? { damagedCatalog } : {}), snapshots });
            return;
          }
          if (rebuilt) process.stdout.write(`${catalogRebuiltSentence(damagedCatalog)}\n`);
          if (snapshots.length === 0) process.stdout.write('No snapshots yet.\n');
          for (const s of snapshots) {
            const when = new Date(s.startedAt).toISOString().replace('T', ' ').slice(0, 19);
            const size = s.state === 'complete' ? `${s.entryCount} items, ${formatBytes(s.totalBytes)}` : 'unfinished';
            process.stdout.write(`${s.id}  ${when} UTC  ${s.phone?.model ?? '?'} (${s.phone?.serial ?? '?'})  ${s.state}  ${size}\n`);
          }
        } finally {
          db.close();
        }
      }),
    );
}
