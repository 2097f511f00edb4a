// Categories against the simulated phone: scans count without copying, big folders and big files
// list correctly, and a provider the phone refuses or lacks is a per-category outcome.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../main/core/backup/index.ts';
import { allCategories, categoryNamed, type ItemProblem } from '../../../main/core/categories/index.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from '../backup/support/backup-phone.ts';

const BIG_FOLDER = '/sdcard/Big folder';
const HUGE_VIDEO = '/sdcard/Movies/huge.mp4';
const HUGE = 5 * 2 ** 30 + 7;
let phone: BackupPhone;

beforeAll(async () => {
  const extraFiles = Array.from({ length: 50_000 }, (_, i) => ({ path: `${BIG_FOLDER}/note-${i}.txt`, size: 20 + (i % 50) }));
  phone = await startBackupPhone({ extraFiles: [...extraFiles, { path: HUGE_VIDEO, size: HUGE }] });
});

afterAll(async () => {
  await phone?.close();
});

const context = () => ({ device: phone.device, onProblem: (problem: ItemProblem) => expect.fail(problem.message) });

describe('categories', () => {
  it('scan every category without transferring, notes "not available" on a phone without them', async () => {
    const scans = [];
    for (const category of allCategories()) scans.push(await category.scan(context()));
    expect(scans.find((s) => s.category === 'photos')).toMatchObject({ state: 'ok', items: 12 });
    expect(scans.find((s) => s.category === 'contacts')).toMatchObject({ state: 'ok', items: 12 });
    expect(scans.find((s) => s.category === 'messages')!.items).toBeGreaterThan(60);
    expect(scans.find((s) => s.category === 'notes')).toMatchObject({ state: 'not-available', message: expect.stringMatching(/not available on this phone/) });
  });

  it('lists a folder of 50,000 files, with sizes and dates to the second', async () => {
    const files = await categoryNamed(`custom:${BIG_FOLDER}`).listFiles!(context());
    expect(files.length).toBe(50_000);
    const one = files.find((f) => f.path.endsWith('/note-49999.txt'))!;
    const stat = phone.phone.files.stat('/storage/emulated/0/Big folder/note-49999.txt');
    expect(one).toMatchObject({ size: stat.size, mtime: stat.mtime });
  }, 30_000);

  it('reports files over 4 GiB with their exact size', async () => {
    const videos = await categoryNamed('videos').listFiles!(context());
    expect(videos.find((f) => f.path.endsWith('/huge.mp4'))?.size).toBe(HUGE);
  });
});

describe('messages', () => {
  it('reads the MMS with one parts query per 100, one address query per message and one read per attachment', async () => {
    // Each `content` command starts a Java runtime on a real phone: the count is what costs.
    const commands: string[] = [];
    const device = phone.device;
    const shell = device.shell.bind(device);
    device.shell = (command, options) => {
      commands.push(command);
      return shell(command, options);
    };
    const folder = temporaryFolder('vitre-messages-');
    try {
      const result = await categoryNamed('messages').exportTo!(context(), folder.path, Date.now());
      const xml = readFileSync(result.files![0]!.file, 'utf8');
      const mms = xml.match(/<mms /g)?.length ?? 0;
      const attachments = xml.match(/<part [^>]*\bdata="/g)?.length ?? 0;
      expect(mms).toBeGreaterThan(1);
      expect(attachments).toBeGreaterThan(0);
      const count = (pattern: RegExp) => commands.filter((command) => pattern.test(command)).length;
      expect(count(/--uri 'content:\/\/mms\/part'/)).toBe(Math.ceil(mms / 100));
      expect(count(/--uri 'content:\/\/mms\/\d+\/addr'/)).toBe(mms);
      expect(count(/^content read /)).toBe(attachments);
      // A phone before Android 7 takes a command in one OPEN packet of at most 4 KiB.
      expect(Math.max(...commands.map((command) => Buffer.byteLength(`shell,v2,raw:${command}`)))).toBeLessThan(4096);
    } finally {
      delete (device as { shell?: unknown }).shell;
      folder.remove();
    }
  });
});

describe('contacts', () => {
  it('reads photos a few contacts ahead of the one being written, never more than five at once', async () => {
    let running = 0;
    let most = 0;
    let reads = 0;
    const device = phone.device;
    const shell = device.shell.bind(device);
    device.shell = async (command, options) => {
      if (!command.startsWith('content read ')) return shell(command, options);
      reads += 1;
      running += 1;
      most = Math.max(most, running);
      try {
        return await shell(command, options);
      } finally {
        running -= 1;
      }
    };
    const folder = temporaryFolder('vitre-contacts-');
    try {
      const result = await categoryNamed('contacts').exportTo!(context(), folder.path, Date.now());
      const photos = readFileSync(result.files![0]!.file, 'latin1').match(/^PHOTO/gm)?.length ?? 0;
      expect(photos).toBeGreaterThan(2);
      expect(reads).toBeGreaterThanOrEqual(photos);
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(5);
    } finally {
      delete (device as { shell?: unknown }).shell;
      folder.remove();
    }
  });
});

describe('a phone that refuses some providers', () => {
  it('backs up everything else and says, per category, what is not allowed and what to try', async () => {
    const refusing = await startBackupPhone({ faults: { denyProviders: ['sms', 'mms', 'call_log'] } });
    const folder = temporaryFolder('vitre-refused-');
    try {
      const report = await runBackup({ device: refusing.device, folder: folder.path, categories: ['contacts', 'messages', 'calls', 'documents'] });
      expect(report.state).toBe('complete');
      const outcome = (name: string) => report.categories.find((c) => c.category === name);
      expect(outcome('messages')).toMatchObject({ state: 'not-allowed', message: expect.stringMatching(/Not allowed on this phone[\s\S]*What to try/) });
      expect(outcome('calls')).toMatchObject({ state: 'not-allowed' });
      expect(outcome('contacts')).toMatchObject({ state: 'ok', filesTransferred: 1 });
      expect(outcome('documents')).toMatchObject({ state: 'ok', filesTransferred: 4 });
    } finally {
      await refusing.close();
      folder.remove();
    }
  });
});
