// `vitre cloud upload|restore|verify|snapshots`: a completed local snapshot uploaded encrypted to
// a destination, and restored or verified from there. The functions below are also what
// `vitre backup --to-destination`, `vitre restore --from-destination` and
// `vitre verify --destination` call.
import { InvalidArgumentError, type Command } from 'commander';
import { CloudError, readRemoteCatalog, restoreFromDestination, uploadSnapshot, verifyDestination, type UploadEvent } from '../../core/cloud/index.ts';
import { openDevice } from '../../core/device/index.ts';
import { EXIT } from '../exit-codes.ts';
import { runCloudCommand, unlockRepository, withNamedDestination } from './cloud-command.ts';
import { withActivityContext } from '../../core/net/activity-context.ts';
import { formatBytes } from './device-command.ts';

export interface UploadCommandOptions {
  /** The backup folder holding the completed snapshot. */
  folder: string;
  destination: string;
  snapshotId?: string;
  categories?: string[];
  json?: boolean;
}

function printUpload(json: boolean): (event: UploadEvent) => void {
  return (event) => {
    if (json) process.stdout.write(`${JSON.stringify(event)}\n`);
    else if (event.type === 'started') {
      process.stdout.write(`Uploading snapshot ${event.snapshotId} to "${event.destination}": ${event.objects} files, ${event.alreadyThere} already there, ${event.toUpload} to send (${formatBytes(event.bytesToUpload)}), encrypted.\n`);
    } else if (event.type === 'finished') {
      const r = event.report;
      process.stdout.write(`Uploaded ${r.objectsUploaded} files (${formatBytes(r.bytesUploaded)}) in ${r.seconds.toFixed(1)} s; ${r.objectsAlreadyThere} were already there. Snapshot ${r.snapshotId} is complete on "${r.destination}".\n`);
    }
  };
}

/** Uploads a completed local snapshot (the newest when none is named). */
export async function uploadToDestination(options: UploadCommandOptions): Promise<void> {
  // Unlocking the repository (fetching key.age) is part of the upload job: Activity says so.
  const purpose = { job: `upload ${options.snapshotId ?? 'newest snapshot'}`, destination: options.destination };
  await withActivityContext(purpose, () => uploadUnderPurpose(options));
}

async function uploadUnderPurpose(options: UploadCommandOptions): Promise<void> {
  await withNamedDestination(options.destination, async (destination) => {
    const { key } = await unlockRepository(destination, true);
    const controller = new AbortController();
    const cancel = () => controller.abort();
    process.once('SIGINT', cancel);
    try {
      await uploadSnapshot({
        backupFolder: options.folder, destination, key, signal: controller.signal, onEvent: printUpload(options.json === true),
        ...(options.snapshotId ? { snapshotId: options.snapshotId } : {}), ...(options.categories ? { categories: options.categories } : {}),
      });
    } finally {
      process.off('SIGINT', cancel);
    }
  });
}

export interface RestoreCommandOptions {
  destination: string;
  to?: string;
  toPhone?: string;
  snapshot?: string;
  only?: string[];
}

export async function restoreFromDestinationCommand(options: RestoreCommandOptions): Promise<void> {
  await withNamedDestination(options.destination, async (destination) => {
    const { key } = await unlockRepository(destination, false);
    const device = options.toPhone === undefined ? undefined : await openDevice(options.toPhone);
    try {
      const report = await restoreFromDestination({
        destination, key, ...(options.snapshot ? { snapshotId: options.snapshot } : {}), ...(options.only ? { only: options.only } : {}),
        ...(device ? { device } : { to: options.to }),
      });
      for (const problem of report.problems) process.stderr.write(`  ! ${problem.path}: ${problem.message}\n`);
      process.stdout.write(`Restored ${report.files} files (${formatBytes(report.bytes)}) of snapshot ${report.snapshotId} from "${options.destination}" in ${report.seconds.toFixed(1)} s${report.problems.length > 0 ? `; ${report.problems.length} could not be restored (listed above)` : ''}.\n`);
      if (report.problems.length > 0) process.exitCode = EXIT.failure;
    } finally {
      await device?.close();
    }
  });
}

export async function verifyDestinationCommand(options: { destination: string; sample?: number; json?: boolean }): Promise<void> {
  await withNamedDestination(options.destination, async (destination) => {
    const { key } = await unlockRepository(destination, false);
    const report = await verifyDestination({ destination, key, ...(options.sample ? { sample: options.sample } : {}) });
    if (options.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      for (const problem of report.problems) process.stderr.write(`  ! ${[problem.snapshotId, problem.path].filter(Boolean).join(' ')}: ${problem.message}\n`);
      process.stdout.write(`${report.ok ? 'OK' : 'PROBLEMS'}: ${report.snapshots} snapshots, ${report.objects} files; ${report.objectsChecked} downloaded, decrypted and checked (${formatBytes(report.bytesChecked)}) in ${report.seconds.toFixed(1)} s.\n`);
    }
    if (!report.ok) process.exitCode = EXIT.failure;
  });
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('Use a whole number above 0.');
  return value;
}

const list = (value: string) => value.split(',').map((part) => part.trim()).filter(Boolean);

export function registerCloud(program: Command): void {
  const cloud = program.command('cloud').description('Encrypted backups on a destination: upload, restore, verify');
  cloud
    .command('upload')
    .description('Upload a completed snapshot of a backup folder, encrypted; only files not already there are sent')
    .argument('<folder>', 'the backup folder')
    .requiredOption('--to-destination <name>', 'a destination you added and enabled')
    .option('--snapshot <id>', 'which snapshot (default: the newest)')
    .option('--categories <list>', 'only these categories, e.g. photos,videos', list)
    .option('--json', 'print one JSON event per line')
    .action((folder: string, o: { toDestination: string; snapshot?: string; categories?: string[]; json?: boolean }) =>
      runCloudCommand(() => uploadToDestination({ folder, destination: o.toDestination, snapshotId: o.snapshot, categories: o.categories, json: o.json })),
    );
  cloud
    .command('restore')
    .description('Restore a snapshot from a destination into a folder or onto a phone')
    .requiredOption('--from-destination <name>', 'the destination')
    .option('--to <dir>', 'a folder to restore into')
    .option('--to-phone <target>', 'or a phone: a serial, or tcp:HOST:PORT')
    .option('--snapshot <id>', 'which snapshot (default: the newest uploaded)')
    .option('--only <paths>', 'only paths starting with these (comma-separated)', list)
    .action((o: { fromDestination: string; to?: string; toPhone?: string; snapshot?: string; only?: string[] }) =>
      runCloudCommand(async () => {
        if ((o.to === undefined) === (o.toPhone === undefined)) throw new CloudError('invalid-settings', 'Give either --to DIR or --to-phone TARGET.');
        await restoreFromDestinationCommand({ destination: o.fromDestination, to: o.to, toPhone: o.toPhone, snapshot: o.snapshot, only: o.only });
      }),
    );
  cloud
    .command('verify')
    .description('Download, decrypt and check the files on a destination (all, or a random sample)')
    .requiredOption('--destination <name>', 'the destination')
    .option('--sample <n>', 'check only this many files, chosen at random', positiveInteger)
    .option('--json', 'print JSON')
    .action((o: { destination: string; sample?: number; json?: boolean }) => runCloudCommand(() => verifyDestinationCommand(o)));
  cloud
    .command('snapshots')
    .description('The snapshots uploaded to a destination')
    .requiredOption('--destination <name>', 'the destination')
    .option('--json', 'print JSON')
    .action((o: { destination: string; json?: boolean }) =>
      runCloudCommand(() =>
        withNamedDestination(o.destination, async (destination) => {
          const { key } = await unlockRepository(destination, false);
          const snapshots = await readRemoteCatalog({ destination: destination.storage, key });
          if (o.json === true) process.stdout.write(`${JSON.stringify(snapshots, null, 2)}\n`);
          else for (const s of snapshots) process.stdout.write(`${s.id}  ${s.device.model} (${s.device.serial})  ${new Date(s.completedAt).toISOString()}  ${s.entryCount} items, ${formatBytes(s.totalBytes)}\n`);
        }),
      ),
    );
}
