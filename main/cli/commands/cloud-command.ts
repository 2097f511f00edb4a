// What the destination and cloud commands share: opening a destination the user added (secret
// from the environment or a prompt), unlocking its repository, and turning the engine's typed
// errors into one line on stderr and an exit code.
import { CloudError, findDestination, hasRepository, needsSecret, openCloudDestination, openRepository, type CloudDestination, type OpenedRepository } from '../../core/cloud/index.ts';
import { CryptoError } from '../../core/crypto/index.ts';
import { DestinationError } from '../../core/destinations/destination-error.ts';
import { vitreHome } from '../../core/net/data-folder.ts';
import { BackupError } from '../../core/backup/index.ts';
import { CatalogError } from '../../core/catalog/catalog-error.ts';
import { EXIT } from '../exit-codes.ts';
import { destinationSecret, repositoryPassphrase } from './cloud-secrets.ts';
import { runDeviceCommand } from './device-command.ts';

export async function runCloudCommand(action: () => Promise<void>): Promise<void> {
  // Phone errors (restore onto a phone) are reported as the device commands report them.
  await runDeviceCommand(() => reportingCloudErrors(action));
}

async function reportingCloudErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const known = error instanceof CloudError || error instanceof CryptoError || error instanceof DestinationError || error instanceof BackupError || error instanceof CatalogError;
    if (!known) throw error;
    process.stderr.write(`vitre: ${error.message.replaceAll('\n', ' ')}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

function exitCodeOf(error: Error): number {
  if (error instanceof CloudError && error.kind === 'no-consent') return EXIT.refused;
  if (error instanceof CloudError && (error.kind === 'unknown-destination' || error.kind === 'invalid-settings' || error.kind === 'duplicate-destination')) return EXIT.usage;
  if (error instanceof DestinationError && (error.kind === 'unauthorized' || error.kind === 'forbidden')) return EXIT.refused;
  if (error instanceof DestinationError && (error.kind === 'network' || error.kind === 'unavailable')) return EXIT.unreachable;
  return EXIT.failure;
}

/** Opens a destination the user added and consented to, asking for its secret if it needs one. */
export async function openNamedDestination(name: string): Promise<CloudDestination> {
  const settings = findDestination(vitreHome(), name);
  const what = settings.kind === 's3' ? 'secret access key' : 'password';
  // Consent first: no prompt for a secret that could not be used anyway.
  const secret = needsSecret(settings) && settings.consent !== undefined ? await destinationSecret(name, what) : undefined;
  return openCloudDestination(settings, secret, { stateFolder: vitreHome() });
}

/** Unlocks (or, when `create`, creates) the repository on the destination. */
export async function unlockRepository(destination: CloudDestination, create: boolean): Promise<OpenedRepository> {
  const exists = await hasRepository(destination.storage);
  const passphrase = await repositoryPassphrase(!exists && create);
  const repository = await openRepository(destination.storage, passphrase, { create });
  if (repository.created) process.stderr.write(`Created the backup key on "${destination.settings.name}" and opened it again with your passphrase: it works.\n`);
  return repository;
}

export async function withNamedDestination(name: string, work: (destination: CloudDestination) => Promise<void>): Promise<void> {
  const destination = await openNamedDestination(name);
  try {
    await work(destination);
  } finally {
    await destination.close();
  }
}
