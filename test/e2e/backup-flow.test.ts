// A newcomer's path in a real Chromium against the local web host and the simulated phone: open,
// pick the demo phone, see what each category holds, back up photos, contacts and messages into a
// new folder, watch it to the end, browse the snapshot with photo previews, and restore two
// photos the phone lost, after a preview; then add a local WebDAV destination, back up photos to it
// encrypted, and find, filter and export those requests in Activity (cloud-path.ts). In English and
// in French; axe-core and screenshots in the light and dark themes at two window sizes. The egress
// guard runs as in `vitre serve`, so Activity shows what really went out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Device as PhoneView } from '../../preload/contract/devices.ts';
import { KeyStore, openDevice } from '../../main/core/device/index.ts';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { launchChromium, type Browser } from './browser.ts';
import { checkScreen, SCREENSHOTS } from './check-screen.ts';
import { cloudPath } from './cloud-path.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../support/servers/rclone-webdav.ts';


const WORDS = {
  en: {
    phones: 'Phones', demo: 'Try the demo phone (simulated)', backup: 'Backup', history: 'History', folder: 'Backup folder',
    photos: 'Photos', contacts: 'Contacts', messages: 'Messages', start: 'Back up now', again: 'Back up again', complete: 'Backup complete',
    overall: 'Overall progress', browse: 'Browse in History', preview: 'Preview restore', willChange: /Restoring will change 2 files/,
    restore: 'Restore 2 files', restored: /Restored 2 files/, add: 'Add', verify: 'Verify snapshot', verified: /Verified: \d+ copies intact/,
    items: /\d+ items/,
  },
  fr: {
    phones: 'Téléphones', demo: 'Essayer le téléphone de démonstration (simulé)', backup: 'Sauvegarde', history: 'Historique', folder: 'Dossier de sauvegarde',
    photos: 'Photos', contacts: 'Contacts', messages: 'Messages', start: 'Sauvegarder', again: 'Sauvegarder à nouveau', complete: 'Sauvegarde terminée',
    overall: 'Progression totale', browse: 'Parcourir dans l’historique', preview: 'Aperçu de la restauration', willChange: /La restauration modifiera 2 fichiers/,
    restore: 'Restaurer 2 fichiers', restored: /2 fichiers restaurés/, add: 'Ajout', verify: 'Vérifier l’instantané', verified: /Vérifié : \d+ copies intactes/,
    items: /\d+\s?éléments/,
  },
} as const;

let app: AppUnderTest;
let browser: Browser;
let scratch: string;
let webdav: WebdavTestServer;

beforeAll(async () => {
  // Before the guard: the test's own check that the server listens is not the app's traffic.
  webdav = await startRcloneWebdav();
  app = await startAppUnderTest({ guard: true });
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'vitre-e2e-backup-'));
});

afterAll(async () => {
  await browser?.close();
  // The server first: the engine's connections to it end while the app still records them.
  await webdav?.close();
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Each run starts as a newcomer does: no phone connected.
afterEach(async () => {
  await app.api.invoke('demo-phone.stop', {});
});

/** The phone loses two photos (deleted through its own shell), so a restore has something to bring back. */
async function deleteOnPhone(paths: string[]): Promise<void> {
  const list = await app.api.invoke('devices.list', {});
  if (!list.ok) throw new Error('no device list');
  const demo = (list.value as { devices: PhoneView[] }).devices.find((device) => device.simulated)!;
  const [host, port] = [demo.serial.slice(0, demo.serial.lastIndexOf(':')), Number(demo.serial.slice(demo.serial.lastIndexOf(':') + 1))];
  const phone = await openDevice({ kind: 'direct', host, port }, { keyStore: new KeyStore({ folder: join(scratch, 'keys'), androidFolder: null }) });
  try {
    for (const path of paths) await phone.shell(`rm -f '${path}'`);
  } finally {
    await phone.close();
  }
}

describe.each(['en', 'fr'] as const)('a first backup and restore (%s)', (language) => {
  const words = WORDS[language];

  it('backs up photos, contacts and messages, restores two photos after a preview, then backs photos up to WebDAV and finds the requests in Activity', async () => {
    const folder = join(scratch, `backup ${language}`);
    const page = await browser.newPage();
    await page.addInitScript((choice) => localStorage.setItem('vitre.language', choice), language);
    await page.goto(app.host.url);
    try {
      await newcomerPath(page, folder, words, language);
      await cloudPath({ page, api: app.api, webdav, language });
    } catch (error) {
      // What the screen showed when it went wrong, next to the other screenshots.
      await page.screenshot({ path: `${SCREENSHOTS}/backup-flow-failed-${language}.png` }).catch(() => undefined);
      throw error;
    } finally {
      await page.close();
    }
  }, 300_000);
});

async function newcomerPath(page: Page, folder: string, words: (typeof WORDS)[keyof typeof WORDS], language: string): Promise<void> {
  {

    // Pick the demo phone on the Phones screen.
    await page.getByRole('heading', { level: 1, name: words.phones }).waitFor();
    await page.getByRole('button', { name: words.demo }).click();
    await page.getByRole('button', { name: words.backup, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: words.backup }).waitFor();

    // The app shows the last backup's summary (the other language's run) until asked for a new one.
    await page.getByRole('switch').or(page.getByRole('button', { name: words.again })).first().waitFor();
    if (await page.getByRole('button', { name: words.again }).isVisible()) await page.getByRole('button', { name: words.again }).click();

    // Category counts from the scan; tick exactly photos, contacts and messages.
    const photos = page.getByRole('listitem').filter({ has: page.getByLabel(words.photos, { exact: true }) });
    await photos.getByText(words.items).waitFor({ timeout: 30_000 });
    for (const row of await page.getByRole('switch').all()) {
      if (await row.isChecked()) await row.uncheck();
    }
    for (const name of [words.photos, words.contacts, words.messages]) await page.getByRole('switch', { name, exact: true }).check();
    await page.getByLabel(words.folder).fill(folder);
    await page.getByLabel(words.folder).press('Enter');
    await checkScreen(page, `backup-${language}`);

    // Back up and watch it to the end.
    await page.getByRole('button', { name: words.start }).click();
    await page.getByRole('progressbar', { name: words.overall }).or(page.getByRole('heading', { name: words.complete })).first().waitFor();
    // The demo phone's backup takes about a second: the progress is photographed when caught.
    if (await page.getByRole('progressbar', { name: words.overall }).isVisible()) {
      await page.screenshot({ path: `${SCREENSHOTS}/backup-progress-${language}-light-1280x800.png` }).catch(() => undefined);
    }
    await page.getByRole('heading', { name: words.complete }).waitFor({ timeout: 45_000 });
    const summary = page.getByRole('table');
    for (const name of [words.photos, words.contacts, words.messages]) expect(await summary.getByRole('rowheader', { name }).isVisible()).toBe(true);
    await checkScreen(page, `backup-summary-${language}`);

    // History: the snapshot, its photos with previews.
    await page.getByRole('button', { name: words.browse }).click();
    await page.getByRole('heading', { level: 1, name: words.history }).waitFor();
    await page.getByRole('button', { name: /DCIM/ }).click();
    const grid = page.getByRole('list', { name: words.photos });
    await grid.getByRole('img').first().waitFor();
    await page.waitForFunction(() => {
      const images = [...document.querySelectorAll<HTMLImageElement>('.photo-grid img')];
      const tiles = document.querySelectorAll('.photo-tile').length;
      return tiles > 0 && images.length === tiles && images.every((image) => image.complete && image.naturalWidth > 0);
    }, undefined, { timeout: 20_000 });
    const names = (await grid.getByRole('checkbox').all()).slice(0, 2);
    expect(names.length).toBe(2);
    const chosen: string[] = [];
    for (const box of names) {
      chosen.push((await box.getAttribute('aria-label')) ?? (await box.evaluate((input) => input.closest('li')?.querySelector('img')?.alt ?? '')));
      await box.check();
    }
    await page.getByRole('button', { name: words.verify }).click();
    await page.getByText(words.verified).waitFor({ timeout: 30_000 });
    await checkScreen(page, `history-${language}`);

    // The phone lost those two photos: the preview lists exactly them, then the restore brings them back.
    const paths = await page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('.photo-tile[data-checked] img')].map((image) => image.alt));
    expect(paths.length).toBe(2);
    await deleteOnPhone(paths.map((name) => `/storage/emulated/0/DCIM/Camera/${name}`));
    await page.getByRole('button', { name: words.preview }).click();
    await page.getByRole('heading', { name: words.willChange }).waitFor({ timeout: 20_000 });
    const actions = page.getByRole('table').last();
    for (const name of paths) await actions.getByText(name, { exact: false }).waitFor();
    expect(await actions.getByText(words.add, { exact: true }).count()).toBe(2);
    await checkScreen(page, `history-restore-preview-${language}`, { top: false });
    await page.getByRole('button', { name: words.restore }).click();
    await page.getByRole('heading', { name: words.restored }).waitFor({ timeout: 30_000 });
  }
}
