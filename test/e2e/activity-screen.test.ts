// The Activity screen in a real Chromium against the local web host, on a log written with the
// activity log's own functions: the virtualized table, filters by host and verdict, the details
// pane, totals, a HAR export that validates (redacted unless confirmed), the tamper check,
// accessibility in both languages and themes, and screenshots at two window sizes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRecord, type ActivityRecord } from '../../main/core/net/activity-record.ts';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { seriousViolations } from './axe.ts';
import { launchChromium, type Browser } from './browser.ts';
import { harValidator } from '../support/har-validator.ts';
import { photograph, SCREENSHOTS } from './check-screen.ts';

const BASE = Date.UTC(2026, 2, 14, 15, 30);
const PHONE_NUMBER = '+33 6 12 34 56 78';
/** Records in the log: enough that the table must window them. */
const COUNT = 600;

let app: AppUnderTest;
let browser: Browser;

/** A backup's traffic: the adb server, a LAN phone, uploads to a WebDAV destination, and a blocked attempt every 50th. */
function seedRecord(index: number): ActivityRecord {
  const time = BASE + index * 1_000;
  if (index % 50 === 7) {
    return makeRecord({ time, kind: 'http', verdict: 'blocked', host: 'telemetry.example', port: 443, method: 'POST', url: 'https://telemetry.example/v1/events',
      reason: 'blocked: tcp to telemetry.example:443 is not the adb server, a phone you connected, or a destination you enabled', purpose: { module: 'analytics-probe' } });
  }
  if (index % 3 === 0) {
    return makeRecord({ time, kind: 'tcp', verdict: 'allowed', host: '127.0.0.1', port: 5037, bytesUp: 512, bytesDown: 4_096,
      reason: 'allowed: the adb server on this computer (USB phones)', purpose: { job: 'backup-1', category: 'photos', module: 'device/adb-server' },
      timings: { dns: -1, connect: 0.4, tls: -1, firstByte: 2, total: 12 } });
  }
  return makeRecord({
    time, kind: 'http', verdict: 'allowed', host: 'dav.home.test', port: 8443, method: 'PUT', status: 201, protocol: 'http/1.1',
    url: `https://dav.home.test:8443/vitre/photos/IMG_${index}.jpg`, bytesUp: 250_000 + index, bytesDown: 120,
    reason: index === 1 ? `allowed: destination "Home WebDAV" you added and enabled; note for ${PHONE_NUMBER}` : 'allowed: destination "Home WebDAV" you added and enabled',
    purpose: { job: 'backup-1', category: 'photos', destination: 'Home WebDAV', module: 'destinations/webdav' },
    timings: { dns: 1.5, connect: 2, tls: 6, firstByte: 30, total: 48 },
    detail: { statusText: 'Created', httpVersion: 'HTTP/1.1', requestHeaders: [['content-type', 'image/jpeg']], responseHeaders: [['etag', `"${index}"`]] },
  });
}

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
  app.activityLog.append(Array.from({ length: COUNT }, (_, index) => seedRecord(index)));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openActivity(options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<Page> {
  const page = await browser.newPage(options);
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Activity', exact: true }).click();
  await page.getByRole('table', { name: 'Activity records, newest first' }).waitFor();
  return page;
}

const BLOCKED = Math.floor((COUNT - 8) / 50) + 1;

describe('the Activity table', () => {
  it('shows every record through a window of rows, newest first, blocked ones highlighted', async () => {
    const page = await openActivity();
    await page.getByText(`Records: ${COUNT} · blocked: ${BLOCKED}`).waitFor();
    const table = page.getByRole('table', { name: 'Activity records, newest first' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    const drawn = await table.locator('[role="row"][data-index]').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    // Newest first: record 599 (a WebDAV upload), then 598...
    expect(await table.locator('[data-index="0"]').textContent()).toContain('IMG_599.jpg');
    // The newest blocked attempt is record 558, the 42nd row.
    await table.evaluate((element) => { element.scrollTop = 36 * 40; });
    const blocked = table.locator('[role="row"][data-verdict="blocked"]').first();
    await blocked.waitFor();
    expect(await blocked.evaluate((row) => getComputedStyle(row).backgroundColor)).not.toBe(await table.locator('[data-verdict="allowed"]').first().evaluate((row) => getComputedStyle(row).backgroundColor));
    // Scrolling to the end loads the oldest page on demand.
    await table.evaluate((element) => { element.scrollTop = element.scrollHeight; });
    await table.locator(`[data-index="${COUNT - 1}"]`).getByText('127.0.0.1').waitFor();
    await page.close();
  });

  it('filters by host and by verdict on the server, and clears', async () => {
    const page = await openActivity();
    await page.getByText(`Records: ${COUNT} · blocked: ${BLOCKED}`).waitFor();
    await page.getByLabel('Host').fill('telemetry.example');
    await page.getByText(`Records: ${BLOCKED} · blocked: ${BLOCKED}`).waitFor();
    const rows = page.locator('[role="row"][data-index]');
    expect(await rows.count()).toBe(BLOCKED);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/POST.*telemetry\.example.*Blocked/);
    await page.getByLabel('Host').fill('');
    await page.getByLabel('Show').selectOption('allowed');
    await page.getByText(`Records: ${COUNT - BLOCKED} · blocked: 0`).waitFor();
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByLabel('Status').fill('201');
    await page.getByLabel('Job').fill('backup-1');
    const uploads = Array.from({ length: COUNT }, (_, index) => index).filter((index) => index % 50 !== 7 && index % 3 !== 0).length;
    await page.getByText(`Records: ${uploads} · blocked: 0`).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`Records: ${COUNT} · blocked: ${BLOCKED}`).waitFor();
    await page.close();
  });

  it('opens the details of a record with its reason, purpose and timings, from the keyboard too', async () => {
    const page = await openActivity({ width: 1920, height: 1080 });
    const first = page.locator('[data-index="0"]');
    await first.click();
    const details = page.getByRole('region', { name: `Record #${COUNT}` });
    await details.waitFor();
    await details.getByText('allowed: destination "Home WebDAV" you added and enabled').waitFor();
    expect(await details.getByText('https://dav.home.test:8443/vitre/photos/IMG_599.jpg').isVisible()).toBe(true);
    expect(await details.getByText('201 Created').isVisible()).toBe(true);
    expect(await details.getByText('destinations/webdav').isVisible()).toBe(true);
    expect(await details.getByText('First byte').isVisible()).toBe(true);
    expect(await details.getByText('30 ms').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    // Keyboard: the current row is the table's tab stop; arrows move, Enter opens.
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: `Record #${COUNT - 1}` }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: `Record #${COUNT - 1}` }).waitFor({ state: 'detached' });
    await page.close();
  });

  it('adds up traffic per host and per destination with bytes over time', async () => {
    const page = await openActivity();
    const byDestination = page.getByRole('table', { name: 'Per destination' });
    await byDestination.getByRole('rowheader', { name: 'Home WebDAV' }).waitFor();
    const byHost = page.getByRole('table', { name: 'Per host' });
    expect(await byHost.getByRole('row').filter({ hasText: 'telemetry.example' }).textContent()).toContain(`(${BLOCKED} blocked)`);
    expect(await page.getByRole('img', { name: /sent and received between/ }).count()).toBe(1);
    await page.close();
  });
});

describe('exports', () => {
  it('downloads a redacted HAR that validates against the HAR 1.2 schema', async () => {
    const page = await openActivity();
    await page.getByLabel('Format').selectOption('har');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vitre-activity-.*\.har$/);
    const text = readFileSync(await download.path(), 'utf8');
    const har = JSON.parse(text) as { log: { entries: Array<{ request: { method: string; url: string } }> } };
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(har.log.entries).toHaveLength(COUNT);
    expect(har.log.entries.some((entry) => entry.request.url === 'https://telemetry.example/v1/events')).toBe(true);
    expect(text).not.toContain('12 34 56 78');
    await page.getByText(`Exported ${COUNT} records`).waitFor();
    await page.close();
  });

  it('exports unmasked values only after the user confirms', async () => {
    const page = await openActivity();
    await page.getByLabel('Format').selectOption('jsonl');
    await page.getByLabel('Include unmasked values').check();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByText('Export unmasked values?').waitFor();
    await page.getByRole('button', { name: 'Keep them masked' }).click();
    expect(await page.getByText('Export unmasked values?').count()).toBe(0);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export unmasked' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-raw\.jsonl$/);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(COUNT);
    expect(lines.join('\n')).toContain(PHONE_NUMBER);
    await page.close();
  });
});

describe.each([
  { language: 'en', title: 'Activity', colorScheme: 'light' },
  { language: 'en', title: 'Activity', colorScheme: 'dark' },
  { language: 'fr', title: 'Activité', colorScheme: 'light' },
  { language: 'fr', title: 'Activité', colorScheme: 'dark' },
] as const)('in $language, $colorScheme', ({ language, title, colorScheme }) => {
  it('has no serious or critical accessibility violation, with the details open, and looks finished', async () => {
    const page = await browser.newPage({ colorScheme });
    await page.goto(app.host.url);
    if (language === 'fr') await page.evaluate(() => localStorage.setItem('vitre.language', 'fr'));
    await page.reload();
    await page.getByRole('button', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('[data-index="2"]').waitFor();
    await page.locator('.log-integrity[data-tone="success"]').waitFor();
    await page.locator('.bytes-chart').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await photograph(page, `${SCREENSHOTS}/activity-${language}-${colorScheme}-${viewport.width}x${viewport.height}.png`, { fullPage: true });
    }
    // The totals, chart and export below the table.
    await page.locator('.content').evaluate((content) => { content.scrollTop = content.scrollHeight; });
    await photograph(page, `${SCREENSHOTS}/activity-totals-${language}-${colorScheme}-1280x800.png`);
    await page.locator('.content').evaluate((content) => { content.scrollTop = 0; });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('[data-index="1"]').click();
    await page.locator('.details-body').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await photograph(page, `${SCREENSHOTS}/activity-details-${language}-${colorScheme}-1920x1080.png`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await photograph(page, `${SCREENSHOTS}/activity-details-${language}-${colorScheme}-1280x800.png`);
    await page.close();
  });
});

describe('live records', () => {
  it('announces new records while the user reads further down, and shows them on request', async () => {
    const page = await openActivity();
    const table = page.getByRole('table', { name: 'Activity records, newest first' });
    await table.locator('[data-index="0"]').waitFor();
    await table.evaluate((element) => { element.scrollTop = 4_000; });
    await table.locator('[data-index="100"][data-verdict]').waitFor();
    app.activityLog.append([makeRecord({ time: BASE + COUNT * 1_000, kind: 'http', verdict: 'blocked', host: 'late.example', port: 443, method: 'GET',
      url: 'https://late.example/ping', reason: 'blocked: tcp to late.example:443 is not the adb server, a phone you connected, or a destination you enabled' })]);
    await page.getByRole('button', { name: 'New records arrived — show them' }).click();
    await table.locator('[data-index="0"]').getByText('late.example').waitFor();
    await page.getByText(`Records: ${COUNT + 1} · blocked: ${BLOCKED + 1}`).waitFor();
    await page.close();
  });
});

// Last: it edits the log behind the app's back.
describe('the tamper check', () => {
  it('says the log is intact, then names the record that was changed', async () => {
    const page = await openActivity();
    await page.getByText(`Log intact — ${COUNT + 1} records verified`).waitFor();
    // The tamperer removes the append-only trigger first, as anyone editing the file would.
    app.activityLog.db.exec('DROP TRIGGER IF EXISTS activity_no_update');
    app.activityLog.db.prepare('UPDATE activity SET bytes_up = 1 WHERE id = 42').run();
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText(/^Record #42 was changed/).waitFor();
    await page.close();
  });
});

