// Consent: cloud backup is off until the user says, for one destination, "send my backups there".
// The act is explicit (the hosts show `consentSummary` and ask), recorded (who, when, what they
// were shown) in destinations.json, and has teeth: it is what enables the destination in the
// network policy, so without it the egress guard blocks every request, and the engine refuses to
// start an upload (`requireConsent`) before opening any connection.
import * as os from 'node:os';
import { updatePolicySettings } from '../net/policy-store.ts';
import { CloudError } from './cloud-error.ts';
import { findDestination, networkAddress, replaceDestination, type ConsentRecord, type ConsentScope, type StoredDestination } from './destination-settings.ts';

/** What will be sent where, in the words shown to the user before they agree. */
export function consentSummary(destination: StoredDestination): string {
  const where = describeLocation(destination);
  return [
    `Vitre will send your backups to "${destination.name}" (${where}).`,
    'Every file, snapshot list and catalog copy is encrypted with your passphrase before it leaves this computer;',
    'the destination sees only how many objects there are and their sizes.',
    ...(networkAddress(destination) === undefined ? [] : [`Requests to ${formatAddress(destination)} will be allowed and shown in Activity.`]),
  ].join('\n');
}

/** What the user is shown before agreeing only to a connection test. */
export function connectSummary(destination: StoredDestination): string {
  return [
    `Vitre will connect to "${destination.name}" (${describeLocation(destination)}) to test it:`,
    'it writes, reads back and deletes one small test file. Nothing from your phone is sent.',
    ...(networkAddress(destination) === undefined ? [] : [`Requests to ${formatAddress(destination)} will be allowed and shown in Activity.`]),
  ].join('\n');
}

function describeLocation(destination: StoredDestination): string {
  switch (destination.kind) {
    case 'folder':
      return `the folder ${destination.path}`;
    case 'webdav':
      return `WebDAV ${destination.url} as ${destination.username}`;
    case 's3':
      return `S3 bucket ${destination.bucket} at ${destination.endpoint}, region ${destination.region}`;
  }
}

function formatAddress(destination: StoredDestination): string {
  const address = networkAddress(destination)!;
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/**
 * Records the user's consent and enables the destination in the network policy. `scope`
 * 'connect' records agreement to a connection test only: uploads still need 'backup' (the default).
 */
export function giveConsent(home: string, name: string, options: { by?: string; now?: Date; scope?: ConsentScope } = {}): StoredDestination {
  const destination = findDestination(home, name);
  const scope = options.scope ?? 'backup';
  const consent: ConsentRecord = {
    by: options.by ?? currentUser(), at: (options.now ?? new Date()).toISOString(),
    shown: scope === 'backup' ? consentSummary(destination) : connectSummary(destination), scope,
  };
  const updated: StoredDestination = { ...destination, consent };
  replaceDestination(home, updated);
  const address = networkAddress(destination);
  if (address !== undefined) {
    updatePolicySettings(home, (settings) => ({
      ...settings,
      destinations: [...settings.destinations.filter((d) => d.name !== name), { name, ...address, enabled: true }],
    }));
  }
  return updated;
}

/** Takes consent back: the destination stays configured, but disabled. */
export function withdrawConsent(home: string, name: string): StoredDestination {
  const { consent: _, ...destination } = findDestination(home, name);
  replaceDestination(home, destination);
  updatePolicySettings(home, (settings) => ({
    ...settings,
    destinations: settings.destinations.map((d) => (d.name === name ? { ...d, enabled: false } : d)),
  }));
  return destination;
}

/** Whether the user agreed to send backups there (not only to test a connection). */
export function allowsBackups(destination: StoredDestination): boolean {
  return destination.consent !== undefined && (destination.consent.scope ?? 'backup') === 'backup';
}

/**
 * Throws unless the user consented to this destination; called before any request is made.
 * `need` 'backup' (uploads) also refuses a consent given only to test the connection.
 */
export function requireConsent(destination: StoredDestination, need: ConsentScope = 'connect'): void {
  if (destination.consent === undefined || (need === 'backup' && !allowsBackups(destination))) {
    throw new CloudError(
      'no-consent',
      `Nothing was sent: you have not agreed to send backups to "${destination.name}". Run "vitre destination enable ${destination.name}" (or turn it on in Settings) first.`,
    );
  }
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some containers have no passwd entry for the user: the record still says when.
    return 'unknown user';
  }
}
