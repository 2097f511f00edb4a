// `vitre destination`: add, list, test, enable (consent), disable and remove the places backups
// can be uploaded to. Settings go to destinations.json (no secrets); adding one puts it in the
// network policy disabled, and only `enable` — an explicit, recorded consent — lets requests out.
import { Option, type Command } from 'commander';
import {
  addDestination, CloudError, consentSummary, findDestination, giveConsent, loadDestinations, networkAddress, probeDestination, removeDestination,
  setDestinationCategories, withdrawConsent, type StoredDestination,
} from '../../core/cloud/index.ts';
import type { DestinationConfig } from '../../core/destinations/open-destination.ts';
import { vitreHome } from '../../core/net/data-folder.ts';
import { startEgressGuard } from '../../core/net/egress-guard.ts';
import { loadPolicySettings } from '../../core/net/policy-store.ts';
import { EXIT } from '../exit-codes.ts';
import { runCloudCommand, withNamedDestination } from './cloud-command.ts';
import { confirm } from './cloud-secrets.ts';

function describeDestination(destination: StoredDestination): string {
  const where =
    destination.kind === 'folder' ? destination.path
    : destination.kind === 'webdav' ? `${destination.url} (user ${destination.username})`
    : `${destination.endpoint} bucket ${destination.bucket}${destination.prefix ? `/${destination.prefix}` : ''} (${destination.region}, key ${destination.accessKeyId})`;
  const consent = destination.consent;
  const state = consent === undefined
    ? 'not enabled (no consent yet)'
    : consent.scope === 'connect'
      ? `allowed for connection tests only, by ${consent.by} on ${consent.at} (vitre destination enable ${destination.name} to send backups)`
      : `enabled by ${consent.by} on ${consent.at}`;
  return `${destination.name}  ${destination.kind}  ${where}  ${state}  ${receives(destination)}`;
}

function receives(destination: StoredDestination): string {
  return destination.categories === undefined ? 'receives every category' : `receives ${destination.categories.join(', ')}`;
}

function added(config: DestinationConfig): Promise<void> {
  return runCloudCommand(async () => {
    const stored = addDestination(vitreHome(), config);
    process.stdout.write(`Added ${describeDestination(stored)}.\n`);
    process.stdout.write(`Nothing is sent there until you run "vitre destination enable ${stored.name}".\n`);
  });
}

/** The running guard applies the new policy at once (later commands read policy.json). */
function applyPolicyNow(): void {
  startEgressGuard().setPolicy(loadPolicySettings(vitreHome()));
}

async function enable(name: string, options: { yes?: boolean }): Promise<void> {
  const destination = findDestination(vitreHome(), name);
  process.stdout.write(`${consentSummary(destination)}\n`);
  const agreed = options.yes === true || (await confirm('Send backups there?'));
  if (!agreed) {
    process.stderr.write(`vitre: not enabled. Answer "y" on a terminal, or pass --yes to agree.\n`);
    process.exitCode = EXIT.refused;
    return;
  }
  const updated = giveConsent(vitreHome(), name);
  applyPolicyNow();
  process.stdout.write(`Enabled "${name}": consent recorded (${updated.consent!.by}, ${updated.consent!.at}).\n`);
}

async function test(name: string): Promise<void> {
  await withNamedDestination(name, async (destination) => {
    const steps = await probeDestination(destination, (step) => {
      process.stdout.write(`${step.ok ? 'ok  ' : 'FAIL'} ${step.step.padEnd(11)} ${step.message}\n`);
    });
    if (steps.some((step) => !step.ok)) process.exitCode = EXIT.failure;
  });
}

export function registerDestination(program: Command): void {
  const destination = program.command('destination').description('Places your backups can be uploaded to (S3, WebDAV, a folder), and your consent to use them');
  const add = destination.command('add').description('Add a destination (nothing is sent until you enable it)');
  add
    .command('s3')
    .description('An S3-compatible bucket (AWS, Backblaze B2, Cloudflare R2, Wasabi, MinIO)')
    .argument('<name>', 'what to call it, e.g. "Photos bucket"')
    .requiredOption('--endpoint <url>', 'the service address, e.g. https://s3.eu-central-1.amazonaws.com')
    .requiredOption('--region <region>', 'the bucket region, e.g. eu-central-1')
    .requiredOption('--bucket <bucket>', 'the bucket name')
    .requiredOption('--access-key-id <id>', 'the access key id (the secret key is asked for when needed, never stored here)')
    .option('--path-style', 'address the bucket as ENDPOINT/BUCKET (MinIO, most self-hosted servers)')
    .option('--prefix <prefix>', 'a folder inside the bucket, e.g. vitre/')
    .action((name: string, o: { endpoint: string; region: string; bucket: string; accessKeyId: string; pathStyle?: boolean; prefix?: string }) =>
      added({ kind: 's3', name, endpoint: o.endpoint, region: o.region, bucket: o.bucket, accessKeyId: o.accessKeyId, pathStyle: o.pathStyle === true, ...(o.prefix ? { prefix: o.prefix } : {}) }),
    );
  add
    .command('webdav')
    .description('A WebDAV folder (Nextcloud, ownCloud, Synology, Apache)')
    .argument('<name>', 'what to call it')
    .requiredOption('--url <url>', 'the folder address, e.g. https://cloud.example.org/remote.php/dav/files/me/Vitre')
    .requiredOption('--username <user>', 'the user name (the password is asked for when needed, never stored here)')
    .action((name: string, o: { url: string; username: string }) => added({ kind: 'webdav', name, url: o.url, username: o.username }));
  add
    .command('folder')
    .description('A folder: an external or network drive')
    .argument('<name>', 'what to call it')
    .requiredOption('--path <path>', 'the folder')
    .action((name: string, o: { path: string }) => added({ kind: 'folder', name, path: o.path }));
  destination
    .command('list')
    .description('The destinations you added, and whether you enabled them')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      runCloudCommand(async () => {
        const all = loadDestinations(vitreHome());
        if (o.json === true) {
          const withAddress = all.map((d) => ({ ...d, enabled: d.consent !== undefined, address: networkAddress(d) ?? null }));
          process.stdout.write(`${JSON.stringify(withAddress, null, 2)}\n`);
        } else if (all.length === 0) process.stdout.write('No destinations yet. Add one with "vitre destination add s3|webdav|folder NAME ...".\n');
        else for (const d of all) process.stdout.write(`${describeDestination(d)}\n`);
      }),
    );
  destination
    .command('test')
    .description('Check reachability, credentials, and writing, reading and deleting a probe object')
    .argument('<name>')
    .action((name: string) => runCloudCommand(() => test(name)));
  destination
    .command('enable')
    .alias('consent')
    .description('Agree to send backups to this destination (shows what will be sent where, then asks)')
    .argument('<name>')
    .addOption(new Option('--yes', 'agree without being asked (scripts)'))
    .action((name: string, o: { yes?: boolean }) => runCloudCommand(() => enable(name, o)));
  destination
    .command('disable')
    .description('Take your consent back: nothing more is sent there (the data already there stays)')
    .argument('<name>')
    .action((name: string) =>
      runCloudCommand(async () => {
        withdrawConsent(vitreHome(), name);
        applyPolicyNow();
        process.stdout.write(`Disabled "${name}".\n`);
      }),
    );
  destination
    .command('categories')
    .description('Choose which categories this destination receives when a backup names none (e.g. photos,videos)')
    .argument('<name>')
    .argument('[list]', 'comma-separated categories; leave out to show the current choice')
    .option('--all', 'receive every category again')
    .action((name: string, list: string | undefined, o: { all?: boolean }) =>
      runCloudCommand(async () => {
        if (list !== undefined && o.all === true) throw new CloudError('invalid-settings', 'Give a list of categories or --all, not both.');
        const chosen = list === undefined ? undefined : list.split(',').map((part) => part.trim()).filter(Boolean);
        const destination = o.all === true || chosen !== undefined ? setDestinationCategories(vitreHome(), name, chosen) : findDestination(vitreHome(), name);
        process.stdout.write(`"${name}" ${receives(destination)}.\n`);
      }),
    );
  destination
    .command('remove')
    .description('Forget a destination (the backups stored there are not deleted)')
    .argument('<name>')
    .action((name: string) =>
      runCloudCommand(async () => {
        removeDestination(vitreHome(), name);
        applyPolicyNow();
        process.stdout.write(`Removed "${name}". The backups stored there were not touched.\n`);
      }),
    );
}
