// On a terminal, the passphrase for a new backup is asked twice and never shown; two different
// answers write nothing. Run through a pseudo-terminal, as a person would type it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudCli, cloudCliOnTerminal } from '../core/cloud/support/cloud-cli.ts';
import { temporaryFolder } from '../core/backup/support/backup-phone.ts';

const PASSPHRASE = 'typed on a terminal 51c0';
let home: ReturnType<typeof temporaryFolder>;
let work: ReturnType<typeof temporaryFolder>;
let backup: string;
let drive: string;

beforeAll(async () => {
  home = temporaryFolder('vitre-cloud-tty-home-');
  work = temporaryFolder('vitre-cloud-tty-');
  backup = path.join(work.path, 'backup');
  drive = path.join(work.path, 'drive');
  // A minimal complete snapshot (LAYOUT.md): one object and its manifest.
  const hex = 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'; // sha256("hello world")
  fs.mkdirSync(path.join(backup, 'objects', 'b9'), { recursive: true });
  fs.writeFileSync(path.join(backup, 'objects', 'b9', hex.slice(2)), 'hello world');
  fs.mkdirSync(path.join(backup, 'manifests'));
  fs.writeFileSync(path.join(backup, 'manifests', 's1.jsonl'), [
    { format: 'vitre-manifest', version: 1, snapshot: 's1', startedAt: 1, device: { serial: 'x', model: 'Pixel', name: 'p' } },
    { path: '/storage/emulated/0/Documents/hello.txt', size: 11, mtime: 1_700_000_000_000, mode: 0o100660, hash: `sha256:${hex}`, category: 'documents', object: `objects/b9/${hex.slice(2)}` },
    { complete: true, completedAt: 2, entryCount: 1, totalBytes: 11 },
  ].map((line) => JSON.stringify(line)).join('\n') + '\n');
  fs.mkdirSync(drive);
  expect((await cloudCli(home.path, ['destination', 'add', 'folder', 'Drive', '--path', drive])).code).toBe(0);
  expect((await cloudCli(home.path, ['destination', 'enable', 'Drive', '--yes'])).code).toBe(0);
});

afterAll(() => {
  home?.remove();
  work?.remove();
});

describe('the passphrase on a terminal', () => {
  it('refuses two different passphrases for a new backup, writing nothing', async () => {
    const run = await cloudCliOnTerminal(home.path, ['cloud', 'upload', backup, '--to-destination', 'Drive'], [PASSPHRASE, `${PASSPHRASE}x`]);
    expect(run.code, run.screen).toBe(1);
    expect(run.screen).toMatch(/The same passphrase again: /);
    expect(run.screen).toMatch(/The two passphrases differ; nothing was written/);
    expect(run.screen).not.toContain(PASSPHRASE);
    expect(fs.readdirSync(drive)).toEqual([]);
  });

  it('asks twice for a new backup, never shows it, and says it used the typed one', async () => {
    const run = await cloudCliOnTerminal(home.path, ['cloud', 'upload', backup, '--to-destination', 'Drive'], [PASSPHRASE, PASSPHRASE]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toMatch(/New backup passphrase: [\s\S]*The same passphrase again: /);
    expect(run.screen).toMatch(/Using the passphrase you typed\./);
    expect(run.screen).not.toContain(PASSPHRASE);
    expect(fs.readdirSync(drive).sort()).toEqual(['catalog.age', 'key.age', 'objects', 'snapshots']);
  });

  it('asks once to open an existing backup', async () => {
    const run = await cloudCliOnTerminal(home.path, ['cloud', 'verify', '--destination', 'Drive'], [PASSPHRASE]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen.match(/passphrase: /gi)).toHaveLength(1);
    expect(run.screen).toMatch(/OK: 1 snapshots, 1 files/);
  });
});
