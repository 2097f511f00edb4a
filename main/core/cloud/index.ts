// Cloud backup: destinations the user added and consented to, a repository key on each, and
// completed local snapshots uploaded encrypted and deduplicated, restored and verified from there.
export { CloudError, type CloudErrorKind } from './cloud-error.ts';
export {
  addDestination, DESTINATIONS_FILE, findDestination, loadDestinations, networkAddress, removeDestination, setDestinationCategories,
  type ConsentRecord, type StoredDestination,
} from './destination-settings.ts';
export { allowsBackups, connectSummary, consentSummary, giveConsent, requireConsent, withdrawConsent } from './consent.ts';
export { MemorySecretStore, needsSecret, secretsFor, type SecretStore } from './secret-store.ts';
export { CLOUD_MODULE, openCloudDestination, type CloudDestination } from './cloud-destination.ts';
export {
  CATALOG_NAME, hasRepository, isWrongPassphrase, OBJECTS_PREFIX, objectPath, openRepository, SNAPSHOTS_PREFIX, snapshotPath,
  type OpenedRepository, type OpenRepositoryOptions, type Repository,
} from './repository.ts';
export { readRemoteCatalog, type RemoteSnapshot } from './remote-catalog.ts';
export { uploadSnapshot, type UploadEvent, type UploadOptions, type UploadReport } from './upload-snapshot.ts';
export { restoreFromDestination, type CloudRestoreOptions, type CloudRestoreReport } from './restore-from-destination.ts';
export { verifyDestination, type DestinationProblem, type DestinationVerifyReport, type VerifyDestinationOptions } from './verify-destination.ts';
export { probeDestination, type ProbeStep } from './probe-destination.ts';
