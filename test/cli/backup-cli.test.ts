// The backup commands end to end: `vitre scan`, `backup --json`, `snapshots`, `verify`,
// `restore --dry-run`, and a backup folder copied elsewhere with its catalog deleted.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/exit-codes.ts';
import { catalogPath } from '../../main/core/catalog/open-catalog.ts';
import { startBackupPhone, temporaryFolder, vitre, type BackupPhone } from '../core/backup/support/backup-phone.ts';

let phone: BackupPhone;
let home: ReturnType<typeof temporaryFolder>;
let work: ReturnType<typeof temporaryFolder>;
let env: NodeJS.ProcessEnv;
let snapshotId = '';

beforeAll(async () => {
  phone = await startBackupPhone({ photos: 6 });
  home = temporaryFolder('vitre-cli-home-');
  work = temporaryFolder('vitre-cli-backup-');
  env = { VITRE_HOME: home.path };
});

afterAll(async () => {
  await phone?.close();
  home?.remove();
  work?.remove();
});

const dir = () => join(work.path, 'backup');

describe('vitre backup commands', () => {
  it('scan --json counts every category without copying', async () => {
    const result = await vitre(['scan', phone.target, '--json'], env);
    expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
    const { categories } = JSON.parse(result.stdout) as { categories: { category: string; state: string; items: number }[] };
    expect(categories.find((c) => c.category === 'photos')).toMatchObject({ state: 'ok', items: 6 });
    expect(categories.find((c) => c.category === 'notes')).toMatchObject({ state: 'not-available' });
  });

  it('backup --json prints one JSON event per line and ends complete', async () => {
    const result = await vitre(['backup', phone.target, '--to', dir(), '--categories', 'photos,documents,contacts,messages,calls,notes', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; state?: string; snapshotId?: string });
    expect(events[0]).toMatchObject({ type: 'started' });
    expect(events.at(-1)).toMatchObject({ type: 'finished', state: 'complete' });
    expect(events.filter((e) => e.type === 'file-stored').length).toBeGreaterThanOrEqual(6 + 4 + 3);
    snapshotId = events.at(-1)!.snapshotId!;
  });

  it('backup prints readable progress without --json', async () => {
    const result = await vitre(['backup', phone.target, '--to', dir(), '--categories', 'photos'], env);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/photos\s+done: 6 items, 0 files copied/);
    expect(result.stdout).toMatch(/Snapshot \S+ complete/);
  });

  it('refuses an unknown category with a usage error', async () => {
    const result = await vitre(['backup', phone.target, '--to', dir(), '--categories', 'selfies'], env);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/"selfies" is not a category/);
  });

  // Node's own recursive mkdir spins forever there; the command once hung at full CPU.
  it('says a folder under /proc cannot be made, and ends', async () => {
    const result = await vitre(['backup', phone.target, '--to', '/proc/vitre-backup', '--categories', 'contacts'], env);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/could not make the backup folder \/proc\/vitre-backup: a folder on its path cannot hold new folders.*Choose another folder\./);
  });

  it('reports a folder it cannot make before it looks for the phone', async () => {
    // Nothing listens on port 1: the phone would be unreachable, but the folder is the first fault.
    const result = await vitre(['backup', 'tcp:127.0.0.1:1', '--to', '/proc/vitre-backup', '--categories', 'contacts'], env);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/could not make the backup folder \/proc\/vitre-backup/);
    expect(result.stderr).not.toMatch(/No phone answers/);
  });

  it('refuses an empty category list instead of backing up nothing', async () => {
    const result = await vitre(['backup', phone.target, '--to', dir(), '--categories', ' , '], env);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/Name at least one category/);
  });

  it.each(['0', '-3', '2.5', 'many', '65'])('refuses --concurrency %s with a usage error that gives the range', async (value) => {
    const result = await vitre(['backup', phone.target, '--to', dir(), '--concurrency', value], env);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/Use a whole number from 1 to 64\./);
  });

  it('snapshots and verify read the folder', async () => {
    const listed = await vitre(['snapshots', dir(), '--json'], env);
    expect(listed.code).toBe(EXIT.ok);
    const { snapshots } = JSON.parse(listed.stdout) as { snapshots: { id: string; state: string }[] };
    expect(snapshots.map((s) => s.state)).toEqual(['complete', 'complete']);
    const verified = await vitre(['verify', dir(), '--snapshot', snapshotId], env);
    expect(verified.code).toBe(EXIT.ok);
    expect(verified.stdout).toMatch(/Verified: every copy matches/);
  });

  it('verify --against re-reads the phone and counts each category there', async () => {
    const verified = await vitre(['verify', dir(), '--snapshot', snapshotId, '--against', phone.target, '--json'], env);
    expect(verified.code).toBe(EXIT.ok);
    const report = JSON.parse(verified.stdout) as { ok: boolean; categories: Record<string, { entries: number; onPhone: number }> };
    expect(report.ok).toBe(true);
    expect(report.categories.photos).toMatchObject({ entries: 6, files: 6, onPhone: 6 });
  });

  it('restore --dry-run lists what would change and changes nothing', async () => {
    const result = await vitre(['restore', dir(), '--snapshot', snapshotId, '--to', phone.target, '--dry-run'], env);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/create\s+\/storage\/emulated\/0\/Download\/Vitre\/contacts-/);
    expect(result.stdout).toMatch(/Dry run: 3 files would be written, 10 are already identical/);
    expect(result.stdout).toMatch(/Import/);
  });

  it('restore --only a path the snapshot does not hold says so, and changes nothing', async () => {
    const result = await vitre(['restore', dir(), '--snapshot', snapshotId, '--to', phone.target, '--only', '/sdcard/DCIM/Camra'], env);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/Snapshot \S+ has nothing at \/sdcard\/DCIM\/Camra\..*Nothing was restored\./);
    expect(result.stdout).toBe('');
  });

  it('restore reports a folder, snapshot or path it cannot find before it looks for the phone', async () => {
    // Nothing listens on port 1: each mistake below is reported, not the missing phone.
    const away = 'tcp:127.0.0.1:1';
    const notBackup = await vitre(['restore', tmpdir(), '--snapshot', snapshotId, '--to', away], env);
    expect(notBackup.stderr).toMatch(/is not a Vitre backup folder/);
    const noSnapshot = await vitre(['restore', dir(), '--snapshot', '20990101T000000Z-000000', '--to', away], env);
    expect(noSnapshot.stderr).toMatch(/20990101T000000Z-000000/);
    const noPath = await vitre(['restore', dir(), '--snapshot', snapshotId, '--to', away, '--only', '/sdcard/DCIM/Camra'], env);
    expect(noPath.stderr).toMatch(/has nothing at \/sdcard\/DCIM\/Camra/);
    for (const result of [notBackup, noSnapshot, noPath]) {
      expect(result.code).toBe(EXIT.failure);
      expect(result.stderr).not.toMatch(/No phone answers/);
    }
  });

  it('words a failure no command foresees as a fault in Vitre, with what to report, not as a Node crash', async () => {
    const odd = join(work.path, 'odd');
    mkdirSync(join(odd, '.vitre', 'catalog.sqlite'), { recursive: true }); // a folder where the database file belongs
    const result = await vitre(['snapshots', odd], env);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/^vitre: Vitre failed unexpectedly: unable to open database file\nThis is a fault in Vitre, not in what you did\. Please report it with the command you ran and these lines:\nSqliteError: unable to open database file\n    at /);
    expect(result.stderr).not.toMatch(/^node:|Node\.js v\d/m);
  });

  it('works on a copy of the folder elsewhere, with the catalog deleted (rebuilt from the manifests)', async () => {
    const copy = join(work.path, 'copied');
    cpSync(dir(), copy, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(catalogPath(copy) + suffix, { force: true });
    const listed = await vitre(['snapshots', copy, '--json'], env);
    expect(listed.code).toBe(EXIT.ok);
    expect(JSON.parse(listed.stdout)).toMatchObject({ rebuiltCatalog: true, snapshots: [{ state: 'complete' }, { state: 'complete' }] });
    rmSync(catalogPath(copy), { force: true });
    const verified = await vitre(['verify', copy], env);
    expect(verified.code).toBe(EXIT.ok);
    expect(verified.stdout).toMatch(/rebuilt it from the snapshot manifests[\s\S]*Verified/);
    expect(existsSync(catalogPath(copy))).toBe(true);
  });
});
