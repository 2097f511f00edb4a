// A real Chromium (the Debian package) driven by playwright-core, with a fresh profile and every
// background service that would talk to the network turned off. Each page gets its own context,
// so one test's settings (language, theme) never leak into the next.
import { chromium, type Browser as PlaywrightBrowser, type Page } from 'playwright-core';
import { requireTool } from '../support/tools.ts';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  newPage(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  // playwright-core's launch() gives Chromium a new, empty user-data dir and deletes it on close.
  const browser: PlaywrightBrowser = await chromium.launch({
    executablePath: requireTool('chromium'),
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
  });
  return {
    async newPage({ width = 1280, height = 800, colorScheme = 'light' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', colorScheme });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      // When the whole browser closes, its contexts are already gone and close() rejects with
      // "has been closed": nothing is left to clean up then, so that rejection is dropped.
      page.once('close', () => context.close().catch(() => undefined));
      return page;
    },
    close: () => browser.close(),
  };
}
