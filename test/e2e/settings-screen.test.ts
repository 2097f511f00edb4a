// The Settings screen in a real Chromium against the local web host: language and theme switch
// live (no reload), the network policy with the reason for each rule, phone discovery and
// Activity retention saved to the data folder's policy.json, the honest cloud section,
// accessibility in both languages and themes, and screenshots at two window sizes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { seriousViolations } from './axe.ts';
import { launchChromium, type Browser } from './browser.ts';
import { photograph, SCREENSHOTS } from './check-screen.ts';


let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openSettings(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ colorScheme });
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  return page;
}

const policyFile = () => join(dirname(app.activityLog.file), 'policy.json');

describe('language and theme', () => {
  it('switch to French and to the dark theme at once, without reloading the page', async () => {
    const page = await openSettings();
    // A reload would clear this marker.
    await page.evaluate(() => { (window as unknown as { stillHere: boolean }).stillHere = true; });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(243, 245, 248)');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(14, 17, 21)');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await page.getByRole('heading', { name: 'Règles réseau' }).waitFor();
    expect(await page.getByRole('button', { name: 'Activité' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Destinations cloud' }).isVisible()).toBe(true);
    // The Destinations screen follows at once, in French and dark too.
    await page.getByRole('button', { name: 'Destinations', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Destinations' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter la destination' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await page.close();
  });
});

describe('the network policy', () => {
  it('shows what is allowed now and why, and the data folder', async () => {
    const page = await openSettings();
    const rules = page.getByRole('list', { name: 'Allowed destinations' });
    await rules.getByText('the adb server on this computer (USB phones)', { exact: false }).waitFor();
    expect(await rules.getByRole('listitem').count()).toBe(1);
    expect(await page.getByText('Everything else is blocked before it leaves this computer').isVisible()).toBe(true);
    expect(await page.getByText(dirname(app.activityLog.file), { exact: true }).isVisible()).toBe(true);
    await page.close();
  });

  it('turns phone discovery on: saved, and the mDNS rule appears with its reason', async () => {
    const page = await openSettings();
    const discovery = page.getByRole('switch', { name: 'Find phones on the local network' });
    expect(await discovery.isChecked()).toBe(false);
    await discovery.check();
    await page.getByText('phone discovery on the local network (mDNS), which you turned on').waitFor();
    expect(JSON.parse(readFileSync(policyFile(), 'utf8'))).toMatchObject({ lanDiscovery: true });
    await discovery.uncheck();
    await page.getByText('phone discovery on the local network (mDNS)', { exact: false }).waitFor({ state: 'detached' });
    expect(JSON.parse(readFileSync(policyFile(), 'utf8'))).toMatchObject({ lanDiscovery: false });
    await page.close();
  });

  it('saves the Activity retention, and refuses a value that is not a number of days', async () => {
    const page = await openSettings();
    const retention = page.getByLabel('Keep Activity records');
    expect(await retention.inputValue()).toBe('365');
    await retention.fill('abc');
    expect(await retention.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await retention.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(JSON.parse(readFileSync(policyFile(), 'utf8'))).toMatchObject({ activityRetentionDays: 30 });
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    expect(await page.getByLabel('Keep Activity records').inputValue()).toBe('30');
    await page.close();
  });
});

describe.each([
  { language: 'en', colorScheme: 'light' },
  { language: 'en', colorScheme: 'dark' },
  { language: 'fr', colorScheme: 'light' },
  { language: 'fr', colorScheme: 'dark' },
] as const)('in $language, $colorScheme', ({ language, colorScheme }) => {
  it('has no serious or critical accessibility violation and looks finished', async () => {
    const page = await openSettings(colorScheme);
    if (language === 'fr') {
      await page.getByLabel('Language').selectOption('fr');
      await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    }
    await page.locator('.policy-rules li').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/settings-${language}-${colorScheme}-${viewport.width}x${viewport.height}.png`, { fullPage: true });
    }
    // The Destinations screen before any is added, with the S3 form (the longer one) open.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Destinations', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Destinations' }).waitFor();
    await page.getByRole('radio', { name: 'S3' }).check();
    await page.getByRole('checkbox', { name: language === 'fr' ? /style chemin/ : /Path-style/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/destinations-new-${language}-${colorScheme}-${viewport.width}x${viewport.height}.png`, { fullPage: true });
    }
    await page.close();
  });
});
