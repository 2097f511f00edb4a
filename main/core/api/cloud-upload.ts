// After a local backup completes, the categories the user sent to cloud destinations go there,
// encrypted: per destination, open (or, the first time, create) the key with the kept passphrase
// — a wrong one is refused before anything is written — upload the snapshot's files for those
// categories, then the test-decrypt: read the key back, open it again with the passphrase and find
// the new snapshot in the decrypted catalog. Requests carry the job, category and destination.
import type { UploadProgress, UploadSummary } from '../../../preload/contract/backup.ts';
import { allowsBackups, findDestination, isWrongPassphrase, openRepository, readRemoteCatalog, requireConsent, uploadSnapshot } from '../cloud/index.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { ApiFailure } from './api-error.ts';
import { cloudFailure } from './cloud-failure.ts';
import { consentedCategories } from './consented-categories.ts';
import { withOpened } from './destination-commands.ts';
import { isCloud, type CloudStoredDestination } from './destination-view.ts';
import { credentialKey, passphraseKey, type KeptSecrets } from './secret-keeping.ts';

export interface CloudTargets {
  home: string;
  secrets: KeptSecrets;
}

/** category → destination, as the Backup screen sends it, grouped per destination. */
export function groupUploads(uploads: Record<string, string>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [category, destination] of Object.entries(uploads)) grouped.set(destination, [...(grouped.get(destination) ?? []), category]);
  return grouped;
}

/**
 * Checked before the backup starts, so a missing consent, secret or passphrase stops everything
 * before the phone is even opened, with a message that says what to do.
 */
export async function checkUploads(targets: CloudTargets, grouped: Map<string, string[]>, categories: readonly string[]): Promise<void> {
  for (const [name, wanted] of grouped) {
    let destination;
    try {
      destination = findDestination(targets.home, name);
      requireConsent(destination);
    } catch (error) {
      throw cloudFailure(error, 'Checking the destination');
    }
    if (!isCloud(destination)) throw new ApiFailure('invalid-input', `“${name}” is not a cloud destination.`);
    const agreed = consentedCategories(targets.home, name);
    const missing = wanted.filter((category) => !agreed.includes(category));
    if (missing.length > 0) throw new ApiFailure('refused', `Nothing was sent: you have not agreed to send ${missing.join(', ')} to “${name}”.`);
    // Categories agreed to imply backups agreed to (they are recorded together); a consent given
    // only to test the connection never lets an upload through.
    if (!allowsBackups(destination)) throw new ApiFailure('refused', `Nothing was sent: you agreed only to test “${name}”, not to send backups there.`);
    const notTicked = wanted.filter((category) => !categories.includes(category));
    if (notTicked.length > 0) throw new ApiFailure('invalid-input', `${notTicked.join(', ')} must be ticked to be sent to “${name}”.`);
    if ((await targets.secrets.store.get(credentialKey(name))) === undefined) {
      throw new ApiFailure('refused', `The password or secret key for “${name}” is not kept any more. Type it again on the Destinations screen.`);
    }
    if ((await targets.secrets.store.get(passphraseKey(name))) === undefined) {
      throw new ApiFailure('refused', `Set the encryption passphrase for “${name}” on the Destinations screen first.`);
    }
  }
}

export interface UploadRun {
  targets: CloudTargets;
  folder: string;
  snapshotId: string;
  destination: string;
  categories: string[];
  signal: AbortSignal;
  onProgress(change: Partial<UploadProgress>): void;
}

export async function uploadToDestination(run: UploadRun): Promise<UploadSummary> {
  const started = performance.now();
  const summary: UploadSummary = {
    destination: run.destination, categories: run.categories, state: 'failed', objectsUploaded: 0, objectsAlreadyThere: 0, bytesUploaded: 0,
    seconds: 0, createdKey: false, decryptChecked: false,
  };
  const job = `upload ${run.snapshotId}`;
  try {
    const settings = findDestination(run.targets.home, run.destination) as CloudStoredDestination;
    const passphrase = (await run.targets.secrets.store.get(passphraseKey(run.destination))) ?? '';
    await withOpened(settings, run.targets.secrets, (destination) => withActivityContext({ job, destination: run.destination }, async () => {
      run.onProgress({ phase: 'unlocking' });
      const repository = await openRepository(destination.storage, passphrase, { create: true, signal: run.signal }).catch((error: unknown) => {
        if (!isWrongPassphrase(error)) throw error;
        throw new ApiFailure('refused', `Nothing was sent to “${run.destination}”: the passphrase does not open the backup already there. Set the passphrase you used before on the Destinations screen.`);
      });
      summary.createdKey = repository.created;
      const report = await uploadSnapshot({
        backupFolder: run.folder, snapshotId: run.snapshotId, destination, key: repository.key, categories: run.categories, signal: run.signal,
        onEvent: (event) => {
          if (event.type === 'started') {
            run.onProgress({ phase: 'uploading', objectsTotal: event.toUpload, alreadyThere: event.alreadyThere, bytesTotal: event.bytesToUpload });
          } else if (event.type === 'object-uploaded') run.onProgress({ objectsDone: event.objectsDone, bytesDone: event.bytesDone });
        },
      });
      Object.assign(summary, { objectsUploaded: report.objectsUploaded, objectsAlreadyThere: report.objectsAlreadyThere, bytesUploaded: report.bytesUploaded });
      run.onProgress({ phase: 'checking' });
      // The test-decrypt: the key as stored there, opened again with the passphrase, lists this snapshot.
      const reopened = await openRepository(destination.storage, passphrase, { signal: run.signal });
      const listed = await readRemoteCatalog(reopened, run.signal);
      summary.decryptChecked = listed.some((snapshot) => snapshot.id === run.snapshotId);
      if (!summary.decryptChecked) summary.message = `The snapshot list on “${run.destination}” does not show this backup after decrypting it; verify the destination.`;
    }), run.targets.home);
    summary.state = summary.decryptChecked ? 'complete' : 'failed';
  } catch (error) {
    summary.state = run.signal.aborted ? 'cancelled' : 'failed';
    summary.message = cloudFailure(error, `Uploading to “${run.destination}”`).message;
  }
  summary.seconds = (performance.now() - started) / 1000;
  run.onProgress({ phase: 'done' });
  return summary;
}
