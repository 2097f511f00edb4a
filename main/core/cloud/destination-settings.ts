// The destinations the user added, stored as destinations.json in the data folder: name, kind and
// the settings that are safe to show (URL, bucket, user name, access key id) — never a password,
// secret key or passphrase; those live in the platform's secret store or come from the
// environment. Adding a network destination also adds it to the network policy, disabled: no
// request can reach it until the user consents (consent.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DestinationConfig } from '../destinations/open-destination.ts';
import { updatePolicySettings } from '../net/policy-store.ts';
import { categoryNamed } from '../categories/index.ts';
import { CloudError } from './cloud-error.ts';
import { makeFolderSync } from '../files/make-folder.ts';

export const DESTINATIONS_FILE = 'destinations.json';

/** The user's recorded "yes, send my backups there": who, when, and what they were shown. */
export interface ConsentRecord {
  by: string;
  at: string;
  /** The summary the user agreed to (consentSummary), kept as the record of what was shown. */
  shown: string;
  /**
   * What was agreed: 'connect' only to test the destination (a probe file, nothing from the
   * phone), 'backup' to send backups there. A record without it predates the distinction and was
   * always for backups.
   */
  scope?: ConsentScope;
}

export type ConsentScope = 'connect' | 'backup';

export type StoredDestination = DestinationConfig & {
  addedAt: string;
  consent?: ConsentRecord;
  /** The categories this destination receives when an upload names none; every one when absent. */
  categories?: string[];
};

interface DestinationsFile {
  version: 1;
  destinations: StoredDestination[];
}

export function loadDestinations(home: string): StoredDestination[] {
  const file = path.join(home, DESTINATIONS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw unreadable(file, error);
  }
  try {
    const parsed = JSON.parse(text) as Partial<DestinationsFile>;
    return Array.isArray(parsed.destinations) ? parsed.destinations : [];
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, cause: unknown): CloudError {
  return new CloudError('settings-unreadable', `The destination settings in ${file} cannot be read. Fix or delete the file, then add the destinations again.`, { cause });
}

/** Writes atomically (temporary file + rename) so a crash never leaves half the settings. */
export function saveDestinations(home: string, destinations: readonly StoredDestination[]): void {
  makeFolderSync(home);
  const file = path.join(home, DESTINATIONS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const content: DestinationsFile = { version: 1, destinations: [...destinations] };
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function findDestination(home: string, name: string): StoredDestination {
  const found = loadDestinations(home).find((destination) => destination.name === name);
  if (found === undefined) {
    throw new CloudError('unknown-destination', `There is no destination called "${name}". See "vitre destination list", or add one with "vitre destination add".`);
  }
  return found;
}

/** Where a network destination's requests go (for the policy); none for a folder. */
export function networkAddress(config: DestinationConfig): { host: string; port: number } | undefined {
  if (config.kind === 'folder') return undefined;
  const url = new URL(config.kind === 's3' ? config.endpoint : config.url);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // Virtual-host style addresses the bucket as a sub-domain of the endpoint.
  return { host: config.kind === 's3' && !config.pathStyle ? `${config.bucket}.${host}` : host, port };
}

/** Only the fields that are safe to store, whatever else the caller's object carries. */
function storableConfig(config: DestinationConfig): DestinationConfig {
  switch (config.kind) {
    case 'folder':
      return { kind: 'folder', name: config.name, path: checkedFolder(config.name, config.path) };
    case 'webdav':
      return { kind: 'webdav', name: config.name, url: checkedUrl(config.name, config.url), username: config.username };
    case 's3':
      return {
        kind: 's3', name: config.name, endpoint: checkedUrl(config.name, config.endpoint), region: config.region, bucket: config.bucket,
        accessKeyId: config.accessKeyId, pathStyle: config.pathStyle, ...(config.prefix === undefined ? {} : { prefix: config.prefix }),
      };
  }
}

/** The folder as a whole path; an empty one (an unset shell variable) once became the current folder. */
function checkedFolder(name: string, folder: string): string {
  if (folder.trim() === '') throw new CloudError('invalid-settings', `${name}: give the folder to upload to, such as /media/backup-drive/Vitre.`);
  return path.resolve(folder);
}

function checkedUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new CloudError('invalid-settings', `${name}: "${text}" is not a URL. Give the full address, e.g. https://cloud.example.org/remote.php/dav/files/me.`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CloudError('invalid-settings', `${name}: the address must start with https:// (or http:// on your own network).`);
  if (url.username !== '' || url.password !== '') {
    throw new CloudError('invalid-settings', `${name}: leave the user name and password out of the address; Vitre asks for the password separately and never stores it.`);
  }
  return url.toString().replace(/\/$/, '');
}

/**
 * Records a new destination and adds it to the network policy, disabled. Nothing is sent
 * anywhere: reaching it takes the user's consent.
 */
export function addDestination(home: string, config: DestinationConfig, now = new Date()): StoredDestination {
  if (config.name.trim() === '') throw new CloudError('invalid-settings', 'Give the destination a name, e.g. "Photos bucket".');
  const destinations = loadDestinations(home);
  if (destinations.some((destination) => destination.name === config.name)) {
    throw new CloudError('duplicate-destination', `There is already a destination called "${config.name}". Choose another name, or remove it first.`);
  }
  const stored: StoredDestination = { ...storableConfig(config), addedAt: now.toISOString() };
  saveDestinations(home, [...destinations, stored]);
  const address = networkAddress(stored);
  if (address !== undefined) {
    updatePolicySettings(home, (settings) => ({
      ...settings,
      destinations: [...settings.destinations.filter((d) => d.name !== stored.name), { name: stored.name, ...address, enabled: false }],
    }));
  }
  return stored;
}

/** Forgets the destination and takes it out of the policy (its data on the destination stays). */
export function removeDestination(home: string, name: string): void {
  findDestination(home, name);
  saveDestinations(home, loadDestinations(home).filter((destination) => destination.name !== name));
  updatePolicySettings(home, (settings) => ({ ...settings, destinations: settings.destinations.filter((d) => d.name !== name) }));
}

/** Replaces the stored record of one destination (consent changes). */
export function replaceDestination(home: string, updated: StoredDestination): void {
  saveDestinations(home, loadDestinations(home).map((destination) => (destination.name === updated.name ? updated : destination)));
}

/**
 * Remembers which categories a destination receives (e.g. photos to the bucket, contacts only
 * to the local drive); `undefined` sends it every category again. Names are checked as
 * `--categories` checks them.
 */
export function setDestinationCategories(home: string, name: string, categories: readonly string[] | undefined): StoredDestination {
  const found = findDestination(home, name);
  const { categories: _previous, ...rest } = found;
  void _previous;
  if (categories === undefined) {
    replaceDestination(home, rest);
    return rest;
  }
  const chosen = [...new Set(categories.map((category) => category.trim()).filter(Boolean))];
  if (chosen.length === 0) throw new CloudError('invalid-settings', `Name at least one category for "${name}", or choose every category.`);
  for (const category of chosen) {
    try {
      categoryNamed(category);
    } catch (cause) {
      throw new CloudError('invalid-settings', `"${category}" is not a category. Use photos, videos, screenshots, documents, downloads, audio, contacts, messages, calls, notes, apps, or custom:/sdcard/FOLDER.`, { cause });
    }
  }
  const updated: StoredDestination = { ...rest, categories: chosen };
  replaceDestination(home, updated);
  return updated;
}
