// The Backup and History commands end to end on the simulated phone's ADB daemon: scan, a backup
// with progress events and a summary, the snapshot listed and browsed, a photo preview that
// decodes, a restore preview of two photos, verification, and cancelling.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupScan, EventMessage, HistoryBrowse, HistoryRestore, HistorySnapshots, HistoryVerify } from '../../../preload/contract/api.ts';
import type { Device } from '../../../preload/contract/devices.ts';
import { createAppApi } from '../../../main/core/api/create-app-api.ts';
import type { Api } from '../../../main/core/api/create-api.ts';
import { KeyStore } from '../../../main/core/device/index.ts';
import { finished, value } from './support/api-results.ts';

let scratch: string;
let api: Api;
let phone: Device;
const events: EventMessage[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'vitre-api-backup-'));
  api = createAppApi({ keyStore: new KeyStore({ folder: join(scratch, 'keys'), androidFolder: null }), home: join(scratch, 'home') });
  api.subscribe((message) => events.push(message));
  phone = value<Device>(await api.invoke('demo-phone.start', {}));
});

afterAll(async () => {
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('backing up from the interface', () => {
  const folder = () => join(scratch, 'backup');

  it('offers a folder in the user’s home by default', async () => {
    const defaults = value<{ folder: string; canChooseFolder: boolean }>(await api.invoke('backup.defaults', {}));
    expect(defaults.folder).toMatch(/Vitre Backups$/);
  });

  it('counts every category on the phone, with a reason for those it cannot back up', async () => {
    const scan = value<BackupScan>(await api.invoke('backup.scan', { deviceId: phone.id }));
    const photos = scan.categories.find((c) => c.category === 'photos');
    expect(photos?.state).toBe('ok');
    expect(photos?.items).toBeGreaterThan(0);
    expect(photos?.bytes).toBeGreaterThan(0);
    for (const category of scan.categories.filter((c) => c.state !== 'ok')) expect(category.message).toBeTruthy();
  });

  it('backs up photos, contacts and messages with progress, then says what was new', async () => {
    const { job } = value<{ job: string }>(await api.invoke('backup.start', { deviceId: phone.id, folder: folder(), categories: ['photos', 'contacts', 'messages'] }));
    const summary = await finished(events, job, 40_000);
    expect(summary.state).toBe('complete');
    expect(events.some((m) => m.event === 'backup.progress' && (m.payload as { job: string }).job === job)).toBe(true);
    const photos = summary.categories.find((c) => c.category === 'photos')!;
    expect(photos.added).toBe(photos.items);
    expect(photos.unchanged).toBe(0);
  });

  it('finds everything unchanged the second time', async () => {
    const { job } = value<{ job: string }>(await api.invoke('backup.start', { deviceId: phone.id, folder: folder(), categories: ['photos'] }));
    const summary = await finished(events, job, 40_000);
    const photos = summary.categories.find((c) => c.category === 'photos')!;
    expect(photos.unchanged).toBe(photos.items);
    expect(photos.added + photos.changed).toBe(0);
  });

  it('lists the snapshots newest first, browses to the photos and previews one', async () => {
    const { snapshots } = value<HistorySnapshots>(await api.invoke('history.snapshots', { folder: folder() }));
    expect(snapshots.length).toBe(2);
    expect(snapshots[0]!.startedAt).toBeGreaterThanOrEqual(snapshots[1]!.startedAt);
    const snapshot = snapshots[0]!.id;
    let listing = value<HistoryBrowse>(await api.invoke('history.browse', { folder: folder(), snapshot, path: '' }));
    for (let depth = 0; depth < 8 && !listing.files.some((f) => f.image); depth += 1) {
      const next = listing.folders.find((f) => /DCIM|Camera/.test(f.name)) ?? listing.folders[0]!;
      listing = value<HistoryBrowse>(await api.invoke('history.browse', { folder: folder(), snapshot, path: next.path }));
    }
    // Every photo has a preview, whatever its age or size.
    for (const file of listing.files.filter((f) => f.image)) {
      const preview = await api.invoke('history.thumbnail', { folder: folder(), object: file.object });
      expect(preview.ok, `${file.name}: ${JSON.stringify(preview)}`.slice(0, 300)).toBe(true);
    }
    const photo = listing.files.find((f) => f.image)!;
    const { dataUrl } = value<{ dataUrl: string }>(await api.invoke('history.thumbnail', { folder: folder(), object: photo.object }));
    expect(dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    // The preview drops the photo's bulky metadata segments: much smaller than the photo.
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').length).toBeLessThan(photo.size);

    const two = listing.files.filter((f) => f.image).slice(0, 2).map((f) => f.path);
    const preview = value<HistoryRestore>(await api.invoke('history.restore', { folder: folder(), snapshot, deviceId: phone.id, only: two, dryRun: true }));
    expect(preview.dryRun).toBe(true);
    expect(preview.actions.map((a) => a.path).sort()).toEqual([...two].sort());

    const verified = value<HistoryVerify>(await api.invoke('history.verify', { folder: folder(), snapshot }));
    expect(verified.ok).toBe(true);
    expect(verified.problems).toEqual([]);
  });

  it('refuses an object path outside the store, and a folder that is not a backup', async () => {
    const outside = await api.invoke('history.thumbnail', { folder: folder(), object: '../../etc/passwd' });
    expect(outside.ok).toBe(false);
    const notBackup = await api.invoke('history.snapshots', { folder: scratch });
    expect(notBackup).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('ends a backup the disk refuses as failed, with the kind of failure for the window to word', async () => {
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const { job } = value<{ job: string }>(await api.invoke('backup.start', { deviceId: phone.id, folder: join(blocker, 'backup'), categories: ['photos'] }));
    const summary = await finished(events, job, 20_000);
    expect(summary).toMatchObject({ state: 'failed', errorKind: 'refused', message: expect.stringMatching(/part of the path is a file, not a folder\. Choose another folder/) });
  });

  it('refuses a folder without its whole path before starting', async () => {
    for (const [relative, message] of [['Phone backups', /^Give the folder’s whole path, such as \/home\/you\/Phone backups or C:\\Users/], ['  ', /^Type the folder to back up into\.$/]] as const) {
      const refused = await api.invoke('backup.start', { deviceId: phone.id, folder: relative, categories: ['photos'] });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(message) } });
    }
  });

  it('stops when cancelled and says so', async () => {
    const { job } = value<{ job: string }>(await api.invoke('backup.start', { deviceId: phone.id, folder: join(scratch, 'other'), categories: ['photos', 'videos'] }));
    value(await api.invoke('backup.cancel', { job }));
    const summary = await finished(events, job, 40_000);
    expect(['cancelled', 'failed']).toContain(summary.state);
  });
});
