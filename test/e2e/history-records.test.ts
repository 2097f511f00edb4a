// A snapshot's contacts, conversations and call log in a real Chromium: backed up from the
// simulated phone, then opened in History as an address book (searched by name), a conversation
// with its latest messages, and the call log — in English and in French, checked by axe-core and
// photographed in both themes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupFinished, EventMessage } from '../../preload/contract/api.ts';
import type { Device } from '../../preload/contract/devices.ts';
import { startAppUnderTest, type AppUnderTest } from './app-host.ts';
import { launchChromium, type Browser } from './browser.ts';
import { checkScreen, VIEWPORTS } from './check-screen.ts';

const WORDS = {
  en: {
    history: 'History', folder: 'Backup folder', trail: 'Folder', contacts: 'Show contacts', messages: 'Show conversations', calls: 'Show call log',
    back: '← Back to files', addressBook: 'Contacts', searchContacts: 'Search contacts by name, number, e-mail or company',
    count: /^\d+ contacts$/, matching: /^1 of \d+ contacts match$/, threads: 'Conversations', callLog: 'Call log', when: 'When',
  },
  fr: {
    history: 'Historique', folder: 'Dossier de sauvegarde', trail: 'Dossier', contacts: 'Voir les contacts', messages: 'Voir les conversations', calls: 'Voir le journal d’appels',
    back: '← Retour aux fichiers', addressBook: 'Contacts', searchContacts: 'Rechercher un contact par nom, numéro, e-mail ou société',
    count: /^\d+ contacts$/, matching: /^1 contacts sur \d+ correspondent$/, threads: 'Conversations', callLog: 'Journal d’appels', when: 'Quand',
  },
} as const;

let app: AppUnderTest;
let browser: Browser;
let scratch: string;
let folder: string;

beforeAll(async () => {
  app = await startAppUnderTest();
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'vitre-e2e-records-'));
  folder = join(scratch, 'backup');
  // The backup itself is the newcomer path's business (backup-flow.test.ts): here it is made
  // through the same API the window uses.
  const events: EventMessage[] = [];
  app.api.subscribe((message) => events.push(message));
  const started = await app.api.invoke('demo-phone.start', {});
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const phone = started.value as Device;
  const backup = await app.api.invoke('backup.start', { deviceId: phone.id, folder, categories: ['contacts', 'messages', 'calls'] });
  if (!backup.ok) throw new Error(JSON.stringify(backup.error));
  const { job } = backup.value as { job: string };
  const deadline = Date.now() + 60_000;
  while (!events.some((m) => m.event === 'backup.finished' && (m.payload as BackupFinished).job === job)) {
    if (Date.now() > deadline) throw new Error('the backup did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Opens History on the backup folder and goes into one of the snapshot's top folders. */
async function openFolder(page: Page, words: (typeof WORDS)[keyof typeof WORDS], top: string): Promise<void> {
  await page.getByRole('button', { name: words.history, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: words.history }).waitFor();
  const field = page.getByRole('textbox', { name: words.folder });
  await field.fill(folder);
  await field.press('Enter');
  // Back to the snapshot's top, wherever the last test left it.
  await page.getByRole('navigation', { name: words.trail }).getByRole('button').first().click();
  await page.getByRole('button', { name: new RegExp(`^${top}`) }).click();
}

describe.each(['en', 'fr'] as const)('a snapshot’s contacts, messages and calls (%s)', (language) => {
  const words = WORDS[language];
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage(VIEWPORTS[0]);
    await page.addInitScript((choice) => localStorage.setItem('vitre.language', choice), language);
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('shows the contacts as an address book and finds one by name', async () => {
    await openFolder(page, words, 'Contacts');
    await page.getByRole('button', { name: words.contacts }).click();
    const book = page.getByRole('list', { name: words.addressBook });
    await book.getByRole('listitem').first().waitFor();
    await page.getByText(words.count).waitFor();
    const cards = await book.getByRole('listitem').count();
    expect(cards).toBeGreaterThan(5);
    await checkScreen(page, `history-contacts-${language}`);
    const name = (await book.locator('.contact-name').nth(3).textContent())!;
    await page.getByRole('searchbox', { name: words.searchContacts }).fill(name);
    await page.getByText(words.matching).or(page.getByText(/^\d+ (of|contacts sur) \d+/)).first().waitFor();
    await expect.poll(() => book.locator('.contact-name').allTextContents()).toContain(name);
    await page.getByRole('button', { name: words.back }).click();
  });

  it('shows the messages as conversations, the latest thread open with its messages', async () => {
    await openFolder(page, words, 'Messages');
    await page.getByRole('button', { name: words.messages }).click();
    const threads = page.getByRole('list', { name: words.threads });
    await threads.getByRole('button').first().waitFor();
    expect(await threads.getByRole('button').count()).toBeGreaterThan(1);
    expect(await threads.getByRole('button').first().getAttribute('aria-pressed')).toBe('true');
    await page.locator('.bubble').first().waitFor();
    // Another conversation opens on a click, with its own messages.
    const second = threads.getByRole('button').nth(1);
    const count = Number((await second.locator('.thread-top .hint').textContent())!.replace(/\D/g, ''));
    await second.click();
    await expect.poll(() => page.locator('.bubble').count()).toBe(Math.min(count, 200));
    await checkScreen(page, `history-messages-${language}`);
    await page.getByRole('button', { name: words.back }).click();
  });

  it('shows the call log with who, when and how long', async () => {
    await openFolder(page, words, 'Calls');
    await page.getByRole('button', { name: words.calls }).click();
    const table = page.getByRole('table', { name: words.callLog });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    expect(await table.getByRole('columnheader', { name: words.when }).isVisible()).toBe(true);
    await checkScreen(page, `history-calls-${language}`);
  });
});
