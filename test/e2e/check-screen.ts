// What every screen of the e2e run is held to: no serious or critical axe-core violation in the
// light and the dark theme, and a screenshot of each at both window sizes for people to look at.
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
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
      await photograph(page, `${SCREENSHOTS}/${name}-${colorScheme}-${viewport.width}x${viewport.height}.png`);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Saves a screenshot for people to look at. It waits longer than the pages' 10 s for actions:
 * on a loaded 2-core machine Chromium once took more than 10 s to hand over a frame (CI failed
 * on it), and a slow picture says nothing about the product.
 */
export async function photograph(target: Page | Locator, path: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const common = { path, timeout: 45_000, animations: 'disabled', caret: 'hide' } as const;
  await ('mainFrame' in target ? target.screenshot({ ...common, ...options }) : target.screenshot(common));
}
