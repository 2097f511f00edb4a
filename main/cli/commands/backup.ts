// `vitre backup TARGET --to DIR`: back the phone up into a folder. On a terminal a progress line
// per category; with --json one event per line (BackupEvent), for scripts and the test suite.
import { InvalidArgumentError, type Command } from 'commander';
import { prepareBackup, runBackup, BackupError, type BackupEvent } from '../../core/backup/index.ts';
import { UnknownCategoryError } from '../../core/categories/index.ts';
import { CatalogError } from '../../core/catalog/catalog-error.ts';
import { openDevice, type Device } from '../../core/device/index.ts';
import { EXIT } from '../exit-codes.ts';
import { loadCloudCommands } from './cloud-loader.ts';
import { formatBytes, runDeviceCommand } from './device-command.ts';

/** Runs an engine command: device errors as the device commands report them, engine errors likewise. */
export async function runEngineCommand(action: () => Promise<void>): Promise<void> {
  await runDeviceCommand(async () => {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof BackupError || error instanceof CatalogError || error instanceof UnknownCategoryError)) throw error;
      process.stderr.write(`vitre: ${error.message.replaceAll('\n', ' ')}\n`);
      process.exitCode = error instanceof UnknownCategoryError ? EXIT.usage : EXIT.failure;
    }
  });
}

/** Opens the phone, runs `work`, closes it whatever happens. */
export async function withDevice(target: string, work: (device: Device) => Promise<void>): Promise<void> {
  const device = await openDevice(target);
  try {
    await work(device);
  } finally {
    await device.close();
  }
}

export function categoryList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  // An empty list (an unset shell variable) once ran a "complete" backup of nothing.
  if (names.length === 0) throw new InvalidArgumentError('Name at least one category, such as photos,contacts, or leave --categories out for all of them.');
  return names;
}

function seconds(value: number | null): string {
  if (value === null) return '…';
  return value >= 90 ? `${Math.round(value / 60)} min` : `${value} s`;
}

/** Text rendering of the events for a person at a terminal. */
function printForPeople(tty: boolean): (event: BackupEvent) => void {
  const line = (text: string) => process.stdout.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
  return (event) => {
    if (event.type === 'started') process.stdout.write(`Backing up ${event.phone.model} (${event.phone.serial}) into snapshot ${event.snapshotId}${event.resuming ? ', resuming the last interrupted run' : ''}\n`);
    else if (event.type === 'progress' && tty && event.itemsTotal === 0 && event.bytesTotal === 0) {
      // An export (messages, contacts, calls): its total comes only at the end.
      line(`${event.category.padEnd(12)} ${event.itemsDone} items read from the phone so far`);
    } else if (event.type === 'progress' && tty) {
      const width = 24;
      const share = event.bytesTotal > 0 ? event.bytesDone / event.bytesTotal : event.itemsTotal > 0 ? event.itemsDone / event.itemsTotal : 1;
      const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
      line(`${event.category.padEnd(12)} [${bar}] ${event.itemsDone}/${event.itemsTotal}  ${formatBytes(event.bytesDone)} of ${formatBytes(event.bytesTotal)}  ${formatBytes(event.bytesPerSecond)}/s  ETA ${seconds(event.etaSeconds)}`);
    } else if (event.type === 'problem') process.stderr.write(`${tty ? '\n' : ''}  ! ${event.path}: ${event.message}\n`);
    else if (event.type === 'category-finished') {
      const what = event.state === 'ok' ? `${event.items} items, ${event.filesTransferred} files copied (${formatBytes(event.bytesTransferred)})` : event.message ?? event.state;
      line(`${event.category.padEnd(12)} ${event.state === 'ok' ? 'done' : event.state}: ${what}`);
      if (tty) process.stdout.write('\n');
    } else if (event.type === 'finished') {
      process.stdout.write(
        `Snapshot ${event.snapshotId} ${event.state}: ${event.entries} items, ${event.filesTransferred} files copied (${formatBytes(event.bytesTransferred)}) in ${event.seconds.toFixed(1)} s` +
          `${event.problems > 0 ? `, ${event.problems} items could not be backed up (listed above)` : ''}.\n`,
      );
    }
  };
}

/** More files at once than this gains nothing over a phone's one connection, and costs a block of memory each. */
const MAX_CONCURRENCY = 64;

function concurrencyOf(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CONCURRENCY) throw new InvalidArgumentError(`Use a whole number from 1 to ${MAX_CONCURRENCY}.`);
  return count;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Back up a phone into a folder: only what changed since the last snapshot moves.')
    .argument('<target>', 'a serial from "vitre devices", or tcp:HOST:PORT')
    .requiredOption('--to <dir>', 'the backup folder (created if needed)')
    .option('--categories <list>', 'comma-separated: photos,videos,screenshots,documents,downloads,audio,contacts,messages,calls,notes,apps, or custom:/sdcard/FOLDER', categoryList)
    .option('--concurrency <n>', `most files pulled at once, 1 to ${MAX_CONCURRENCY} (fewer when they are large)`, concurrencyOf)
    .option('--to-destination <name>', 'then upload the snapshot, encrypted, to this destination ("vitre destination list")')
    .option('--json', 'print one JSON event per line')
    .action((target: string, options: { to: string; toDestination?: string; categories?: string[]; concurrency?: number; json?: boolean }) =>
      runEngineCommand(async () => {
        // The folder first: what the user typed is checked before a phone is reached (and the
        // writing thread starts meanwhile).
        await prepareBackup(options.to);
        await withDevice(target, async (device) => {
          const controller = new AbortController();
          const cancel = () => controller.abort();
          process.once('SIGINT', cancel);
          process.once('SIGTERM', cancel);
          try {
            const onEvent = options.json ? (event: BackupEvent) => process.stdout.write(`${JSON.stringify(event)}\n`) : printForPeople(process.stdout.isTTY === true);
            const report = await runBackup({
              device,
              folder: options.to,
              ...(options.categories ? { categories: options.categories } : {}),
              ...(options.concurrency ? { concurrency: options.concurrency } : {}),
              signal: controller.signal,
              onEvent,
            });
            if (report.state !== 'complete') process.exitCode = EXIT.failure;
            else if (options.toDestination !== undefined) {
              const destination = options.toDestination;
              // The cloud copy starts from the snapshot just completed in the local folder.
              const { runCloudCommand, uploadToDestination } = await loadCloudCommands();
              await runCloudCommand(() =>
                uploadToDestination({
                  folder: options.to,
                  destination,
                  snapshotId: report.snapshotId,
                  ...(options.categories ? { categories: options.categories } : {}),
                  json: options.json === true,
                }),
              );
            }
          } finally {
            process.off('SIGINT', cancel);
            process.off('SIGTERM', cancel);
          }
        });
      }),
    );
}
