// The backup folder picker: offered only by a host that has one (the desktop window hands the API
// Electron's dialog, which cannot open on this machine: a stand-in plays the user here), and
// refused with a readable reason by the web host, whose browser cannot hand out paths.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppApi } from '../../../main/core/api/create-app-api.ts';
import { KeyStore } from '../../../main/core/device/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vitre-folder-picker-'));
const keyStore = () => new KeyStore({ folder: join(scratch, 'keys'), androidFolder: null });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('choosing the backup folder', () => {
  it('opens the host’s picker where the current folder is and returns what the user picked', async () => {
    const answers = [join(scratch, 'Phone backups'), undefined];
    const asked: string[] = [];
    const api = createAppApi({ keyStore: keyStore(), home: join(scratch, 'home'), chooseFolder: async (current) => {
      asked.push(current);
      return answers.shift();
    } });
    try {
      expect(await api.invoke('backup.defaults', {})).toMatchObject({ ok: true, value: { canChooseFolder: true } });
      expect(await api.invoke('backup.choose-folder', { current: '/media/usb' })).toEqual({ ok: true, value: { folder: join(scratch, 'Phone backups') } });
      // Closing the picker changes nothing.
      expect(await api.invoke('backup.choose-folder', { current: '/media/usb' })).toEqual({ ok: true, value: { folder: null } });
      expect(asked).toEqual(['/media/usb', '/media/usb']);
    } finally {
      await api.close();
    }
  });

  it('is not offered where there is no picker, and says to type the path', async () => {
    const api = createAppApi({ keyStore: keyStore(), home: join(scratch, 'home2') });
    try {
      expect(await api.invoke('backup.defaults', {})).toMatchObject({ ok: true, value: { canChooseFolder: false } });
      const refused = await api.invoke('backup.choose-folder', { current: '' });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
      expect(JSON.stringify(refused)).toMatch(/type the folder/);
    } finally {
      await api.close();
    }
  });
});
