// A backup of every category into an empty folder, then a verify: the vCard re-parses to the
// phone's contacts, the XML files validate against the SMS Backup & Restore schemas and carry every
// body exactly, and photos keep their bytes and modification times.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestFolder, runBackup, verifySnapshot, type BackupEvent, type BackupReport } from '../../../main/core/backup/index.ts';
import { CATEGORY_NAMES } from '../../../main/core/categories/index.ts';
import { queryPaged } from '../../../main/core/categories/content-query.ts';
import { requireTool } from '../../support/tools.ts';
import { readVCards } from '../categories/formats/vcard-support.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

const SCHEMAS = join(import.meta.dirname, '../../fixtures/sms-backup-restore');
let phone: BackupPhone;
let folder: ReturnType<typeof temporaryFolder>;
let report: BackupReport;
const events: BackupEvent[] = [];
let xmllint = '';
let serial = '';
/** Every shell command the backup ran on the phone. */
const commands: string[] = [];

beforeAll(async () => {
  xmllint = requireTool('xmllint');
  phone = await startBackupPhone({ profile: 'miui' });
  folder = temporaryFolder('vitre-full-backup-');
  serial = (await phone.device.facts()).serial;
  const shell = phone.device.shell.bind(phone.device);
  phone.device.shell = (command, options) => {
    commands.push(command);
    return shell(command, options);
  };
  report = await runBackup({ device: phone.device, folder: folder.path, onEvent: (event) => events.push(event) });
});

afterAll(async () => {
  await phone?.close();
  folder?.remove();
});

const latest = (...parts: string[]) => join(latestFolder(folder.path, serial), ...parts);

/** Attribute values of `xpath` read back by libxml2, entities decoded. */
function attributeValues(file: string, xpath: string): string[] {
  const out = execFileSync(xmllint, ['--xpath', xpath, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...out.matchAll(/ \w+="([^"]*)"/g)].map((m) =>
    (m[1] as string).replace(/&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    ),
  );
}

describe('a full backup of the simulated phone', () => {
  it('completes every category with nothing refused', () => {
    expect(report.state).toBe('complete');
    expect(report.categories.map((c) => c.category)).toEqual([...CATEGORY_NAMES]);
    for (const outcome of report.categories) expect(outcome, outcome.category).toMatchObject({ state: 'ok' });
    expect(report.problems).toEqual([]);
    expect(events.some((e) => e.type === 'progress' && e.category === 'photos' && e.bytesDone === e.bytesTotal && e.itemsDone === e.itemsTotal)).toBe(true);
  });

  it('asks the phone who it is with getprop alone, not for its storage or battery', () => {
    expect(commands.filter((command) => command === 'getprop')).toHaveLength(1);
    expect(commands.filter((command) => /^(df|dumpsys battery)$/.test(command))).toEqual([]);
  });

  it('asks for the installed apps once, for their APKs and apps.json alike', () => {
    const count = (pattern: RegExp) => commands.filter((command) => pattern.test(command)).length;
    expect(count(/^pm list packages -3 /)).toBe(1);
    expect(count(/^pm list packages -s /)).toBe(1);
    const described = commands.filter((command) => command.startsWith('dumpsys package '));
    expect(described.length).toBeGreaterThan(1);
    expect(new Set(described).size).toBe(described.length);
    expect(count(/^pm path /)).toBe(described.length);
  });

  it('counts an export\'s items as it reads them, up to what it stored', () => {
    for (const category of ['contacts', 'messages', 'calls']) {
      const finished = events.find((event) => event.type === 'category-finished' && event.category === category);
      const counted = events.filter((event) => event.type === 'progress' && event.category === category).map((event) => (event.type === 'progress' ? event.itemsDone : 0));
      expect(finished?.type === 'category-finished' && finished.items).toBeGreaterThan(0);
      expect(counted.at(-1)).toBe(finished?.type === 'category-finished' ? finished.items : -1);
    }
  });

  it('verifies: every stored copy matches its hash', async () => {
    const verified = await verifySnapshot({ folder: folder.path });
    expect(verified).toMatchObject({ ok: true, snapshotId: report.snapshotId, entries: report.entries });
    expect(verified.categories.photos?.entries).toBe(12);
  });

  it('keeps photo bytes and modification times equal to the phone\'s', () => {
    const camera = '/storage/emulated/0/DCIM/Camera';
    const names = phone.phone.files.list(camera).map((e) => e.name).filter((n) => n.endsWith('.jpg'));
    expect(names.length).toBe(12);
    for (const name of names) {
      const stat = phone.phone.files.stat(`${camera}/${name}`);
      const local = latest('Internal storage', 'DCIM', 'Camera', name);
      expect(Buffer.compare(readFileSync(local), Buffer.from(phone.phone.files.read(`${camera}/${name}`, 0, stat.size)))).toBe(0);
      expect(Math.floor(statSync(local).mtimeMs / 1000)).toBe(stat.mtime);
    }
  });

  it('writes a vCard that re-parses to the phone\'s contacts', async () => {
    const cards = readVCards(readFileSync(latest('Contacts', 'contacts.vcf'), 'utf8'));
    const names: string[] = [];
    for await (const row of queryPaged(phone.device, { uri: 'content://com.android.contacts/contacts', projection: [{ name: '_id', kind: 'integer' }, { name: 'display_name', kind: 'text' }] })) {
      names.push(row.display_name ?? '');
    }
    expect(cards.map((c) => c.name.formatted).sort()).toEqual(names.sort());
    expect(cards.some((c) => c.photoJpeg !== undefined)).toBe(true);
  });

  it('writes messages and calls that validate against the SMS Backup & Restore schemas', () => {
    for (const [file, schema] of [[latest('Messages', 'sms.xml'), 'sms.xsd'], [latest('Calls', 'calls.xml'), 'calls.xsd']] as const) {
      const result = spawnSync(xmllint, ['--noout', '--schema', join(SCHEMAS, schema), file], { encoding: 'utf8' });
      expect(result.stderr).toMatch(/validates/);
      expect(result.status).toBe(0);
    }
  });

  it('round-trips every SMS body exactly (emoji, commas, newlines, ", col=")', async () => {
    const fromPhone: string[] = [];
    for await (const row of queryPaged(phone.device, { uri: 'content://sms', projection: [{ name: '_id', kind: 'integer' }, { name: 'body', kind: 'text' }] })) {
      fromPhone.push(row.body ?? 'null');
    }
    const inFile = attributeValues(latest('Messages', 'sms.xml'), '//sms/@body');
    expect(inFile).toEqual(fromPhone);
    expect(inFile).toContain('Meet at 5, address=+15550000000, type=2, body=fake');
    expect(inFile).toContain('Line one\nLine two\n\nLine four');
    expect(inFile.some((b) => b.includes('👨‍👩‍👧‍👦'))).toBe(true);
  });

  it('includes MMS attachments, notes and the app list with split APKs', () => {
    expect(attributeValues(latest('Messages', 'sms.xml'), '//part[@ct="image/jpeg"]/@ct').length).toBeGreaterThan(0);
    const notes = JSON.parse(readFileSync(latest('Notes', 'notes.json'), 'utf8')) as { text: string }[];
    expect(notes.map((n) => n.text)).toContain('Wi-Fi password for the cottage:\nHarbour-Light-42');
    const apps = JSON.parse(readFileSync(latest('Apps', 'apps.json'), 'utf8')) as { package: string; apks: string[]; installer: string | null; versionName: string | null }[];
    const spotify = apps.find((a) => a.package === 'com.spotify.music');
    expect(spotify?.apks.length).toBe(4);
    expect(apps.find((a) => a.package === 'com.whatsapp')).toMatchObject({ versionName: '2.24.21.88', installer: 'com.android.vending' });
    expect(report.categories.find((c) => c.category === 'apps')!.filesTransferred).toBeGreaterThan(apps.filter((a) => a.apks.length > 0).length);
  });
});
