// The interface in a real Chromium against the local web host: opening with the token, the
// Devices screen, keyboard use, languages, accessibility (axe-core) on every screen in both
// themes, and screenshots of every screen at two window sizes into test-results/screenshots.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPhone } from '../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../main/core/demo-phone/options.ts';
import { startDemoPhone } from '../../main/core/demo-phone/server.ts';
import { makeRecord } from '../../main/core/net/activity-record.ts';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { seriousViolations } from './axe.ts';
import { launchChromium, type Browser } from './browser.ts';
import { photograph, SCREENSHOTS } from './check-screen.ts';

const SCREENS = [
  { name: 'devices', nav: 'Phones', heading: 'Phones' },
  { name: 'backup', nav: 'Backup', heading: 'Backup' },
  { name: 'history', nav: 'History', heading: 'History' },
  { name: 'destinations', nav: 'Destinations', heading: 'Destinations' },
  { name: 'activity', nav: 'Activity', heading: 'Activity' },
  { name: 'settings', nav: 'Settings', heading: 'Settings' },
] as const;

let app: AppUnderTest;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openApp(options: { colorScheme?: 'light' | 'dark'; url?: string } = {}): Promise<Page> {
  const page = await browser.newPage({ colorScheme: options.colorScheme ?? 'light' });
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(options.url ?? app.host.url);
  return page;
}

describe('opening the app', () => {
  it('opens with the token, drops it from the address bar and shows the Devices screen', async () => {
    const page = await openApp();
    await page.getByRole('heading', { level: 1, name: 'Phones' }).waitFor();
    await page.getByText('Connected to Vitre').waitFor();
    expect(page.url()).not.toContain('token');
    await page.getByRole('heading', { name: 'No phone connected' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try the demo phone (simulated)' }).isVisible()).toBe(true);
    await page.close();
  });

  it('says how to open it when the address has no token', async () => {
    const page = await openApp({ url: `http://127.0.0.1:${app.host.port}/` });
    await page.getByText('Open Vitre with the address it printed').waitFor();
    await page.close();
  });

  it('says which address to use when the token is not this launch’s', async () => {
    const page = await openApp({ url: `http://127.0.0.1:${app.host.port}/#token=${'A'.repeat(43)}` });
    await page.getByText('Open Vitre with the address it printed').waitFor();
    await page.close();
  });

  it('loads nothing that breaks its Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});

describe('keyboard', () => {
  it('reaches the skip link first and moves between screens with the keyboard', async () => {
    const page = await openApp();
    await page.getByRole('heading', { level: 1, name: 'Phones' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    await heading.waitFor();
    // The new screen's heading takes focus, so screen readers announce it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.close();
  });
});

describe('languages', () => {
  it('switches to French with localized numbers and dates, and remembers it', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    expect(await page.getByRole('button', { name: 'Téléphones' }).isVisible()).toBe(true);
    const example = (await page.getByText('Exemple').textContent()) ?? '';
    expect(example).toMatch(/12,3\s?Go/);
    expect(example).toContain('mars 2026');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Téléphones' }).waitFor();
    await page.getByRole('button', { name: 'Réglages' }).click();
    await page.getByLabel('Langue').selectOption('system');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.close();
  });
});

describe.each(['light', 'dark'] as const)('every screen in the %s theme', (colorScheme) => {
  it.each(SCREENS)('$name has no serious or critical accessibility violation', async (screen) => {
    const page = await openApp({ colorScheme });
    await page.getByRole('button', { name: screen.nav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
    await page.getByText('Connected to Vitre').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/${screen.name}-${colorScheme}-${viewport.width}x${viewport.height}.png`);
    }
    await page.close();
  });
});

describe('the demo phone', () => {
  it.each(['light', 'dark'] as const)('starts from the Devices screen, labelled simulated, with its facts (%s)', async (colorScheme) => {
    const page = await openApp({ colorScheme });
    await page.getByRole('button', { name: 'Try the demo phone (simulated)' }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Pixel 8' });
    await card.getByText('Simulated', { exact: true }).waitFor();
    await card.getByText('Ready').waitFor();
    await card.getByText('This is Vitre’s simulated phone, not a real device.').waitFor();
    const facts = page.getByRole('region', { name: 'About this phone' });
    await facts.getByText('Android 15 (API level 35)').waitFor();
    expect(await facts.getByText('Google').isVisible()).toBe(true);
    expect(await facts.getByText(/GB used of \d+(\.\d)? GB/).isVisible()).toBe(true);
    expect(await facts.getByText(/^\d+%/).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/devices-demo-${colorScheme}-${viewport.width}x${viewport.height}.png`);
    }
    await page.getByRole('button', { name: 'Disconnect Pixel 8' }).click();
    await page.getByRole('heading', { name: 'No phone connected' }).waitFor();
    await page.close();
  });
});

describe('errors in French', () => {
  it('say what happened in French, then give the engine\'s own words marked as English', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Téléphones' }).click();
    await page.getByLabel('Adresse du téléphone').fill('pas une adresse');
    await page.getByRole('button', { name: 'Connecter', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Vitre ne peut pas utiliser ce qui a été saisi.' });
    await alert.waitFor();
    expect(await alert.locator('[lang="en"]').textContent()).toContain('HOST:PORT');
    await photograph(alert, `${SCREENSHOTS}/error-fr.png`);
    await page.getByRole('button', { name: 'Réglages' }).click();
    await page.getByLabel('Langue').selectOption('system');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.close();
  });
});

describe('connecting by address', () => {
  it('connects a phone on the network from the form, shows its facts, and explains a bad address', async () => {
    const phone = await startDemoPhone(createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, profile: 'miui', seed: 3 }), DEFAULT_PHONE_OPTIONS);
    try {
      const page = await openApp();
      const address = page.getByLabel('Phone address');
      await address.fill('not an address');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'HOST:PORT' }).waitFor();
      expect(await address.getAttribute('aria-invalid')).toBe('true');
      await address.fill(`127.0.0.1:${phone.port}`);
      await page.keyboard.press('Enter');
      await page.getByText('Connected to 23117RA68G.').waitFor();
      const card = page.getByRole('listitem').filter({ hasText: '23117RA68G' });
      await card.getByText('Wi-Fi').waitFor();
      expect(await card.getByText('Simulated', { exact: true }).count()).toBe(0);
      await page.getByRole('region', { name: 'About this phone' }).getByText('Xiaomi').waitFor();
      await page.getByRole('button', { name: 'Disconnect 23117RA68G' }).click();
      await page.getByRole('heading', { name: 'No phone connected' }).waitFor();
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

describe('a phone that has not trusted this computer', () => {
  it('shows its state and the exact steps to fix it, as adb reports it', async () => {
    const phone = await startDemoPhone(createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, seed: 5 }), { ...DEFAULT_PHONE_OPTIONS, auth: 'rsa', trustedKeys: [] });
    const serial = `127.0.0.1:${phone.port}`;
    try {
      const page = await openApp();
      await page.getByRole('heading', { name: 'No phone connected' }).waitFor();
      // Not awaited: adb waits for the phone's approval, which never comes.
      const connecting = app.adb(['connect', serial]).catch(() => '');
      const card = page.getByRole('listitem').filter({ hasText: serial });
      await card.getByText('Waiting for your approval').waitFor({ timeout: 20_000 });
      await card.getByRole('heading', { name: 'How to fix it' }).waitFor();
      expect(await card.getByText('Tap Allow on the “Allow wireless debugging?” prompt', { exact: false }).isVisible()).toBe(true);
      expect(await card.getByRole('button', { name: /Details/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await photograph(page, `${SCREENSHOTS}/devices-unauthorized-light-1280x800.png`);
      await page.getByRole('button', { name: 'Disconnect Android phone' }).click();
      await connecting;
      await page.getByRole('heading', { name: 'No phone connected' }).waitFor({ timeout: 20_000 });
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

describe('the Activity screen', () => {
  it.each(['light', 'dark'] as const)('lists what the guard recorded, live, searchable (%s)', async (colorScheme) => {
    const page = await openApp({ colorScheme });
    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    if (colorScheme === 'light') {
      await page.getByRole('heading', { name: 'Nothing recorded yet' }).waitFor();
      const base = Date.UTC(2026, 2, 14, 15, 30);
      app.activityLog.append([
        makeRecord({ time: base, kind: 'tcp', verdict: 'allowed', reason: 'allowed: the adb server on this computer (USB phones)', host: '127.0.0.1', port: 5037, bytesUp: 2_048, bytesDown: 81_920, purpose: { module: 'device' } }),
        makeRecord({ time: base + 1_000, kind: 'tcp', verdict: 'allowed', reason: 'allowed: phone "Pixel 8" you connected on the local network', host: '192.168.1.20', port: 5555, bytesUp: 40_960, bytesDown: 734_003_200, purpose: { job: 'backup', category: 'photos' } }),
        makeRecord({ time: base + 2_000, kind: 'http', verdict: 'blocked', reason: 'blocked: tcp to telemetry.example:443 is not the adb server, a phone you connected, or a destination you enabled', host: 'telemetry.example', port: 443, method: 'POST', url: 'https://telemetry.example/v1/events' }),
      ]);
    }
    // Appended records reach the open screen without a reload.
    const table = page.getByRole('table', { name: 'Activity records, newest first' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    await page.getByText('Records: 3 · blocked: 1').waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toMatch(/POST.*telemetry\.example.*\/v1\/events/);
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/activity-records-${colorScheme}-${viewport.width}x${viewport.height}.png`);
    }
    await page.getByLabel('Show').selectOption('blocked');
    await page.getByText('Records: 1 · blocked: 1').waitFor();
    await page.getByLabel('Show').selectOption('');
    await page.getByLabel('Search').fill('192.168');
    await page.getByText('Records: 1 · blocked: 0').waitFor();
    expect(await table.getByText('backup · photos').isVisible()).toBe(true);
    await page.close();
  });
});
