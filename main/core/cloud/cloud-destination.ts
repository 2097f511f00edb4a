// A destination the user added, opened for the cloud flow: its stored settings (with the consent
// record) next to the decorated storage. Opening one the user has not consented to is refused
// before any connection is made; the egress guard would block its requests anyway.
import { openDestination, type OpenOptions, type OpenedDestination } from '../destinations/open-destination.ts';
import { requireConsent } from './consent.ts';
import type { StoredDestination } from './destination-settings.ts';
import { secretsFor } from './secret-store.ts';

export const CLOUD_MODULE = 'main/core/cloud';

export interface CloudDestination {
  settings: StoredDestination;
  storage: OpenedDestination;
  /** The data folder where interrupted uploads keep what lets them resume (when given). */
  stateFolder?: string;
  close(): Promise<void>;
}

export function openCloudDestination(settings: StoredDestination, secret: string | undefined, options: OpenOptions = {}): CloudDestination {
  requireConsent(settings);
  const storage = openDestination(settings, secretsFor(settings, secret), { module: CLOUD_MODULE, ...options });
  return { settings, storage, ...(options.stateFolder === undefined ? {} : { stateFolder: options.stateFolder }), close: () => storage.close() };
}
