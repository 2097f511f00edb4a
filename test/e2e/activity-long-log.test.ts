// The Activity table with more records than a browser can give rows of their own height to
// (Chromium caps an element near 33.5 million pixels: ~838,000 rows of 40 px): 1,200,000 records,
// in a real Chromium against the local web host. The scrollbar reaches the oldest record, the
// middle of the bar shows the middle of the log, and End / Home go to the last and first rows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRecord } from '../../main/core/net/activity-record.ts';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { launchChromium, type Browser } from './browser.ts';
import { photograph, SCREENSHOTS } from './check-screen.ts';

const COUNT = 1_200_000;
const BASE = Date.UTC(2026, 0, 1);
let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
  // Record i goes to port 10000 + i % 50000 and says its number in its reason, so a row tells which record it is.
  for (let start = 0; start < COUNT; start += 50_000) {
    app.activityLog.append(Array.from({ length: 50_000 }, (_, offset) => {
      const index = start + offset;
      return makeRecord({ time: BASE + index * 1_000, kind: 'tcp', verdict: 'allowed', host: `record-${index}.test`, port: 443, reason: `allowed: record ${index}` });
    }));
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openActivity(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(app.host.url);
  await page.getByRole('button', { name: 'Activity', exact: true }).click();
  await page.getByRole('table', { name: 'Activity records, newest first' }).waitFor();
  return page;
}

describe('an Activity log of 1,200,000 records', () => {
  it('scrolls to the oldest record, and the middle of the bar is the middle of the log', async () => {
    const page = await openActivity();
    const table = page.getByRole('table', { name: 'Activity records, newest first' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    // Newest first: row 0 is record 1,199,999.
    await table.locator('[data-index="0"]').getByText(`record-${COUNT - 1}.test`).waitFor();
    await table.evaluate((element) => { element.scrollTop = element.scrollHeight; });
    const oldest = table.locator(`[data-index="${COUNT - 1}"]`);
    await oldest.getByText('record-0.test').waitFor();
    // The oldest row is drawn inside the table's visible part, not past the end of its space.
    const [rowBox, tableBox] = [await oldest.boundingBox(), await table.boundingBox()];
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(tableBox!.y + tableBox!.height + 1);
    expect(rowBox!.y).toBeGreaterThan(tableBox!.y);
    await photograph(page, `${SCREENSHOTS}/activity-1.2m-oldest.png`);

    await table.evaluate((element) => { element.scrollTop = (element.scrollHeight - element.clientHeight) / 2; });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[role="row"][data-index]')].map((row) => Number(row.dataset.index));
      return rows.some((index) => Math.abs(index - 600_000) < 50) && !document.querySelector('[role="row"][aria-busy="true"]');
    });
    const visible = await table.evaluate((element) => {
      const top = element.getBoundingClientRect().top + 40; // below the header
      const row = [...element.querySelectorAll<HTMLElement>('[role="row"][data-index]')].find((candidate) => candidate.getBoundingClientRect().bottom > top);
      return row?.textContent ?? '';
    });
    const shown = Number(/record-(\d+)\.test/.exec(visible)?.[1]);
    expect(Math.abs(shown - COUNT / 2)).toBeLessThan(50);
    await page.close();
  }, 60_000);

  it('End and Home move to the last and first rows', async () => {
    const page = await openActivity();
    const table = page.getByRole('table', { name: 'Activity records, newest first' });
    await table.locator('[data-index="0"]').getByText(`record-${COUNT - 1}.test`).waitFor();
    await table.locator('[data-index="0"]').focus();
    await page.keyboard.press('End');
    await page.waitForFunction((last) => document.activeElement?.getAttribute('data-index') === String(last), COUNT - 1);
    await table.locator(`[data-index="${COUNT - 1}"]`).getByText('record-0.test').waitFor();
    await page.keyboard.press('PageUp');
    await page.waitForFunction(() => Number(document.activeElement?.getAttribute('data-index')) < 1_199_999);
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '0');
    await table.locator('[data-index="0"]').getByText(`record-${COUNT - 1}.test`).waitFor();
    await page.close();
  }, 60_000);
});
