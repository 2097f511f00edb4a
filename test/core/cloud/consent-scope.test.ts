// Agreeing to test a destination is not agreeing to back up there: the record says which was
// agreed (with the words shown), a connection test works, and an upload is refused until the
// user agrees to send backups — then it goes through.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addDestination, findDestination, giveConsent, openCloudDestination, openRepository, probeDestination, uploadSnapshot,
} from '../../../main/core/cloud/index.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder } from './support/backup-folder.ts';

const work = temporaryFolder('vitre-consent-scope-');
afterAll(() => work.remove());

describe('consent to connect, and consent to back up', () => {
  it('lets a test through on a connect-only consent, refuses an upload until backups are agreed', async () => {
    const home = path.join(work.path, 'home');
    const target = path.join(work.path, 'drive');
    const backupFolder = path.join(work.path, 'backup');
    fs.mkdirSync(target, { recursive: true });
    writeBackupFolder(backupFolder, [{ path: '/storage/emulated/0/DCIM/Camera/IMG_1.jpg', size: 50_000, category: 'photos' }]);
    addDestination(home, { kind: 'folder', name: 'Drive', path: target });

    const tested = giveConsent(home, 'Drive', { scope: 'connect' });
    expect(tested.consent).toMatchObject({ scope: 'connect' });
    expect(tested.consent!.shown).toMatch(/Nothing from your phone is sent/);
    expect(tested.consent!.shown).not.toMatch(/will send your backups/);

    const opened = openCloudDestination(findDestination(home, 'Drive'), undefined);
    try {
      expect((await probeDestination(opened)).every((step) => step.ok)).toBe(true);
      const { key } = await openRepository(opened.storage, 'a passphrase', { create: true, workFactor: 10 });
      const before = fs.readdirSync(target, { recursive: true }).length;
      await expect(uploadSnapshot({ backupFolder, destination: opened, key })).rejects.toMatchObject({ kind: 'no-consent' });
      expect(fs.readdirSync(target, { recursive: true }).length).toBe(before);

      const agreed = giveConsent(home, 'Drive');
      expect(agreed.consent).toMatchObject({ scope: 'backup' });
      expect(agreed.consent!.shown).toMatch(/will send your backups/);
      const report = await uploadSnapshot({ backupFolder, destination: { ...opened, settings: agreed }, key });
      expect(report.objectsUploaded).toBe(1);
    } finally {
      await opened.close();
    }
  });
});
