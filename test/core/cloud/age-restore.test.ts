// What the README promises: with the key file opened and the stock `age` tool, a person finds a
// snapshot's file list and every file's object, and decrypts them without Vitre.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudDestination, openRepository, uploadSnapshot, type CloudDestination } from '../../../main/core/cloud/index.ts';
import { formatIdentityFile, type RepositoryKey } from '../../../main/core/crypto/index.ts';
import { requireTool } from '../../support/tools.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';

let work: ReturnType<typeof temporaryFolder>;
let cloud: CloudDestination;
let key: RepositoryKey;
const files = new Map([['/storage/emulated/0/DCIM/IMG_1.jpg', Buffer.from('first photo bytes')], ['Contacts/contacts.vcf', Buffer.from('BEGIN:VCARD\r\nEND:VCARD\r\n')]]);

/** A backup folder as the engine writes it (LAYOUT.md): objects by sha256 and one manifest. */
function writeBackupFolder(folder: string): void {
  const lines: string[] = [JSON.stringify({ format: 'vitre-manifest', version: 1, snapshot: 's1', startedAt: 1, device: { serial: 'x', model: 'Pixel', name: 'p' } })];
  for (const [phonePath, bytes] of files) {
    const hex = (execFileSync('sha256sum', { input: bytes, encoding: 'utf8' }).split(' ')[0])!;
    const object = `objects/${hex.slice(0, 2)}/${hex.slice(2)}`;
    fs.mkdirSync(path.join(folder, path.dirname(object)), { recursive: true });
    fs.writeFileSync(path.join(folder, object), bytes);
    lines.push(JSON.stringify({ path: phonePath, size: bytes.byteLength, mtime: 1_700_000_000_000, mode: 0o100660, hash: `sha256:${hex}`, category: 'photos', object }));
  }
  lines.push(JSON.stringify({ complete: true, completedAt: 2, entryCount: files.size, totalBytes: 0 }));
  fs.mkdirSync(path.join(folder, 'manifests'));
  fs.writeFileSync(path.join(folder, 'manifests', 's1.jsonl'), `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  work = temporaryFolder('vitre-cloud-age-');
  writeBackupFolder(path.join(work.path, 'backup'));
  fs.mkdirSync(path.join(work.path, 'destination'));
  const settings = { kind: 'folder', name: 'Drive', path: path.join(work.path, 'destination'), addedAt: '', consent: { by: 't', at: '', shown: '' } } as const;
  cloud = openCloudDestination(settings, undefined);
  ({ key } = await openRepository(cloud.storage, 'age restore passphrase', { create: true, workFactor: 10 }));
  await uploadSnapshot({ backupFolder: path.join(work.path, 'backup'), destination: cloud, key });
});

afterAll(async () => {
  await cloud?.close();
  work?.remove();
});

describe('restoring from a destination with the age tool alone', () => {
  it('decrypts the snapshot list and each file it names', () => {
    const age = requireTool('age');
    const identity = path.join(work.path, 'identity.txt');
    fs.writeFileSync(identity, formatIdentityFile(key.identity));
    const destination = path.join(work.path, 'destination');
    const [list] = fs.readdirSync(path.join(destination, 'snapshots'));
    const manifest = execFileSync(age, ['-d', '-i', identity, path.join(destination, 'snapshots', list!)], { encoding: 'utf8' });
    const entries = manifest.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { path?: string; object?: string }).filter((e) => e.object);
    expect(entries.map((entry) => entry.path).sort()).toEqual([...files.keys()].sort());
    for (const entry of entries) {
      const plain = execFileSync(age, ['-d', '-i', identity, path.join(destination, entry.object!)]);
      expect(plain.equals(files.get(entry.path!)!)).toBe(true);
    }
  });
});
