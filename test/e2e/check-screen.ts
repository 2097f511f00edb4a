// What every screen of the e2e run is held to: no serious or critical axe-core violation in the
// light and the dark theme, and a screenshot of each at both window sizes for people to look at.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './axe.ts';

export const SCREENSHOTS = 'test-results/screenshots';
export const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }] as const;

/** Checks and photographs the current screen; `top: false` keeps the scroll position and focus. */
export async function checkScreen(page: Page, name: string, options: { top?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (options.top ?? true) {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('main')?.scrollTo(0, 0);
    });
  }
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `${name} in the ${colorScheme} theme`).toEqual([]);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${colorScheme}-${viewport.width}x${viewport.height}.png` });
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await page.emulateMedia({ colorScheme: 'light' });
}
