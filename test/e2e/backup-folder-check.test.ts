// The Backup screen with a folder typed without its whole path: the backup does not start, and
// the reason is brought into view — the Back up button sits far below the field, and the alert
// above it was once announced but off screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { launchChromium, type Browser } from './browser.ts';
import { photograph, SCREENSHOTS } from './check-screen.ts';

let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a backup folder without its whole path', () => {
  it('is refused with what to type, shown where the user is looking', async () => {
    const page = await browser.newPage();
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Try the demo phone (simulated)' }).click();
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    await page.getByRole('switch', { name: 'Photos', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Backup folder').fill('Phone backups');
    await page.getByRole('button', { name: 'Back up now' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The backup could not start' });
    await alert.getByText('Give the folder’s whole path, such as /home/you/Phone backups').waitFor();
    await expect.poll(async () => {
      const box = await alert.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 800;
    }).toBe(true);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await photograph(page, `${SCREENSHOTS}/backup-folder-refused-light-1280x800.png`);
    await page.close();
  });
});
