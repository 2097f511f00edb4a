// Destination settings and consent in the data folder: what is stored, what the policy says.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDestination, consentSummary, DESTINATIONS_FILE, findDestination, giveConsent, loadDestinations, MemorySecretStore, networkAddress,
  removeDestination, requireConsent, secretsFor, withdrawConsent,
} from '../../../main/core/cloud/index.ts';
import { loadPolicySettings } from '../../../main/core/net/policy-store.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';

let home: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  home = temporaryFolder('vitre-cloud-settings-');
});
afterEach(() => home.remove());

const webdav = { kind: 'webdav', name: 'Nextcloud', url: 'https://cloud.example.org/remote.php/dav/files/me/', username: 'me' } as const;

describe('destination settings', () => {
  it('keeps only safe fields, and adds network destinations to the policy disabled', () => {
    addDestination(home.path, { ...webdav, ...({ password: 'hunter2-secret' } as object) });
    addDestination(home.path, { kind: 'folder', name: 'USB drive', path: 'relative/drive' });
    const text = fs.readFileSync(path.join(home.path, DESTINATIONS_FILE), 'utf8');
    expect(text).not.toContain('hunter2-secret');
    expect(findDestination(home.path, 'Nextcloud')).toMatchObject({ url: 'https://cloud.example.org/remote.php/dav/files/me' });
    expect(findDestination(home.path, 'USB drive')).toMatchObject({ path: path.resolve('relative/drive') });
    expect(loadPolicySettings(home.path).destinations).toEqual([{ name: 'Nextcloud', host: 'cloud.example.org', port: 443, enabled: false }]);
  });

  it('refuses duplicate names, bad addresses, credentials inside the URL and an empty folder', () => {
    addDestination(home.path, webdav);
    expect(() => addDestination(home.path, webdav)).toThrow(expect.objectContaining({ kind: 'duplicate-destination' }));
    expect(() => addDestination(home.path, { ...webdav, name: 'x', url: 'not a url' })).toThrow(expect.objectContaining({ kind: 'invalid-settings' }));
    const inUrl = (() => {
      try {
        addDestination(home.path, { ...webdav, name: 'y', url: 'https://me:hunter2@cloud.example.org/dav' });
        return undefined;
      } catch (error) {
        return error as Error;
      }
    })();
    expect(inUrl).toMatchObject({ kind: 'invalid-settings' });
    expect(inUrl!.message).not.toContain('hunter2');
    // An empty folder path (an unset shell variable) would have become the current folder.
    expect(() => addDestination(home.path, { kind: 'folder', name: 'z', path: ' ' })).toThrow(/z: give the folder to upload to, such as \/media\/backup-drive\/Vitre\./);
    expect(loadDestinations(home.path)).toHaveLength(1);
  });

  it('addresses a virtual-host bucket by its own host name', () => {
    const s3 = { kind: 's3', name: 'B2', endpoint: 'https://s3.eu-central-003.backblazeb2.com', region: 'eu-central-003', bucket: 'my-phone', accessKeyId: 'K1' } as const;
    expect(networkAddress({ ...s3, pathStyle: false })).toEqual({ host: 'my-phone.s3.eu-central-003.backblazeb2.com', port: 443 });
    expect(networkAddress({ ...s3, pathStyle: true, endpoint: 'http://127.0.0.1:9000' })).toEqual({ host: '127.0.0.1', port: 9000 });
  });

  it('records consent and enables the policy entry; withdrawing and removing take it back', () => {
    const added = addDestination(home.path, webdav);
    expect(() => requireConsent(added)).toThrow(expect.objectContaining({ kind: 'no-consent' }));
    expect(consentSummary(added)).toMatch(/cloud\.example\.org:443/);
    const consented = giveConsent(home.path, 'Nextcloud', { by: 'alice', now: new Date('2026-11-29T01:00:00Z') });
    expect(consented.consent).toMatchObject({ by: 'alice', at: '2026-11-29T01:00:00.000Z' });
    expect(() => requireConsent(findDestination(home.path, 'Nextcloud'))).not.toThrow();
    expect(loadPolicySettings(home.path).destinations[0]!.enabled).toBe(true);
    withdrawConsent(home.path, 'Nextcloud');
    expect(findDestination(home.path, 'Nextcloud').consent).toBeUndefined();
    expect(loadPolicySettings(home.path).destinations[0]!.enabled).toBe(false);
    removeDestination(home.path, 'Nextcloud');
    expect(loadDestinations(home.path)).toEqual([]);
    expect(loadPolicySettings(home.path).destinations).toEqual([]);
    expect(() => findDestination(home.path, 'Nextcloud')).toThrow(expect.objectContaining({ kind: 'unknown-destination' }));
  });
});

describe('secrets', () => {
  it('a memory secret store keeps, replaces and forgets by destination name', async () => {
    const store = new MemorySecretStore();
    await store.set('Nextcloud', 'one');
    await store.set('Nextcloud', 'two');
    expect(await store.get('Nextcloud')).toBe('two');
    await store.delete('Nextcloud');
    expect(await store.get('Nextcloud')).toBeUndefined();
  });

  it('hands the secret to the backend as the field its kind needs', () => {
    expect(secretsFor({ ...webdav }, 's')).toEqual({ password: 's' });
    expect(secretsFor({ kind: 's3', name: 'b', endpoint: 'https://x', region: 'r', bucket: 'b', accessKeyId: 'k', pathStyle: true }, 's')).toEqual({ secretAccessKey: 's' });
    expect(secretsFor({ kind: 'folder', name: 'f', path: '/tmp' }, 's')).toEqual({});
  });
});
