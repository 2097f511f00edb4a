// `verify --against`: the phone's files re-read and compared with a snapshot. A file rewritten
// with the same size (only its bytes tell) and a deleted one are named; the rest passes, photos
// (over 1 MiB, several packets each) included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup, verifySnapshot, type VerifyReport } from '../../../main/core/backup/index.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

const SD = '/storage/emulated/0';
let phone: BackupPhone;
let folder: ReturnType<typeof temporaryFolder>;
let rewritten: string;
let deleted: string;
let report: VerifyReport;

beforeAll(async () => {
  folder = temporaryFolder('vitre-verify-against-');
  phone = await startBackupPhone({ seed: 21, photos: 6, videos: 0 });
  await runBackup({ device: phone.device, folder: folder.path, categories: ['photos', 'documents'] });
  const files = phone.phone.files;
  const photos = files.list(`${SD}/DCIM/Camera`).filter((entry) => entry.name.endsWith('.jpg'));
  rewritten = `${SD}/DCIM/Camera/${photos[0]!.name}`;
  deleted = `${SD}/DCIM/Camera/${photos[1]!.name}`;
  // Same size and date, one byte different near the end: only hashing the phone's copy can tell.
  const { size, mtime } = files.stat(rewritten);
  const bytes = Buffer.from(files.read(rewritten, 0, size));
  bytes[size - 100] = (bytes[size - 100]! + 1) & 0xff;
  const writer = files.create(rewritten, 0o100660);
  writer.write(bytes);
  writer.finish(mtime);
  await phone.device.shell(`rm '${deleted}'`);
  report = await verifySnapshot({ folder: folder.path, device: phone.device });
}, 60_000);

afterAll(async () => {
  await phone?.close();
  folder?.remove();
});

describe('verifying a snapshot against the phone', () => {
  it('names the file whose bytes changed at the same size, and the deleted one, and nothing else', () => {
    expect(report.ok).toBe(false);
    expect(report.problems.map(({ path, kind }) => ({ path, kind })).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      [
        { path: rewritten, kind: 'changed-on-phone' },
        { path: deleted, kind: 'missing-on-phone' },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    );
  });

  it('counts each category on the phone as it is now', () => {
    expect(report.categories.photos?.onPhone).toBe((report.categories.photos?.files ?? 0) - 1);
  });
});
