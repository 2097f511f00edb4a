// A destination remembers which categories it receives: stored in destinations.json, checked
// like --categories, kept across consent, and used by `vitre backup --to-destination NAME` when
// the command names no categories.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDestination, findDestination, giveConsent, setDestinationCategories } from '../../../main/core/cloud/index.ts';
import { startBackupPhone, temporaryFolder, vitre, type BackupPhone } from '../backup/support/backup-phone.ts';

let home: ReturnType<typeof temporaryFolder>;
let phone: BackupPhone;

beforeAll(async () => {
  home = temporaryFolder('vitre-destination-categories-');
  phone = await startBackupPhone({ seed: 21, photos: 3, videos: 0, contacts: 5, messages: 10, calls: 5 });
});
afterAll(async () => {
  await phone?.close();
  home?.remove();
});

describe('the categories a destination receives', () => {
  it('are stored, checked, cleared, and kept when consent is given', () => {
    const settings = path.join(home.path, 'settings');
    addDestination(settings, { kind: 'folder', name: 'Drive', path: path.join(home.path, 'drive') });
    expect(findDestination(settings, 'Drive').categories).toBeUndefined();
    expect(setDestinationCategories(settings, 'Drive', ['photos', ' contacts', 'photos']).categories).toEqual(['photos', 'contacts']);
    expect(giveConsent(settings, 'Drive').categories).toEqual(['photos', 'contacts']);
    expect(findDestination(settings, 'Drive')).toMatchObject({ categories: ['photos', 'contacts'], consent: { by: expect.any(String) } });
    expect(() => setDestinationCategories(settings, 'Drive', ['photos', 'selfies'])).toThrow(expect.objectContaining({ kind: 'invalid-settings' }));
    expect(() => setDestinationCategories(settings, 'Drive', [])).toThrow(expect.objectContaining({ kind: 'invalid-settings' }));
    expect(findDestination(settings, 'Drive').categories).toEqual(['photos', 'contacts']);
    expect(setDestinationCategories(settings, 'Drive', undefined).categories).toBeUndefined();
    expect(findDestination(settings, 'Drive')).not.toHaveProperty('categories');
  });

  it('are what `vitre backup --to-destination` uploads when no --categories is given', async () => {
    const env = { VITRE_HOME: path.join(home.path, 'cli'), VITRE_PASSPHRASE: 'categories passphrase 9e1d' };
    const run = (args: string[]) => vitre(args, env);
    fs.mkdirSync(path.join(home.path, 'cli-drive'));
    expect((await run(['destination', 'add', 'folder', 'Drive', '--path', path.join(home.path, 'cli-drive')])).code).toBe(0);
    expect((await run(['destination', 'enable', 'Drive', '--yes'])).code).toBe(0);
    const chosen = await run(['destination', 'categories', 'Drive', 'photos']);
    expect(chosen.stdout).toContain('"Drive" receives photos.');
    expect((await run(['destination', 'list'])).stdout).toMatch(/Drive .* receives photos/);

    const backup = await run(['backup', phone.target, '--to', path.join(home.path, 'backup'), '--to-destination', 'Drive', '--json']);
    expect(backup.stderr).not.toMatch(/vitre:|Error/);
    expect(backup.code).toBe(0);
    const events = backup.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; categories?: { name: string }[]; report?: { bytesUploadedByCategory: Record<string, number>; objectsUploaded: number } });
    const uploaded = events.find((event) => event.type === 'finished' && event.report !== undefined)!.report!;
    // The local backup took every category; the destination received only the photos.
    expect(Object.keys(uploaded.bytesUploadedByCategory)).toEqual(['photos']);
    expect(uploaded.objectsUploaded).toBe(3);
    const local = events.find((event) => event.type === 'finished' && event.report === undefined) as unknown as { entries: number };
    expect(local.entries).toBeGreaterThan(3);

    expect((await run(['destination', 'categories', 'Drive', '--all'])).stdout).toContain('"Drive" receives every category.');
  }, 120_000);
});
