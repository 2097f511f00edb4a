// The cloud half of the newcomer's path, after the local backup: add a local WebDAV destination,
// test it (agreeing to connect), set the passphrase twice, back up photos to it (agreeing to send
// photos there), find its requests in Activity with their purpose, filter them by destination and
// host, export a HAR that validates, and remove the destination. In English and in French.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ActivityPage } from '../../preload/contract/api.ts';
import type { Api } from '../../main/core/api/create-api.ts';
import type { WebdavTestServer } from '../support/servers/rclone-webdav.ts';
import { checkScreen } from './check-screen.ts';
import { harValidator } from '../support/har-validator.ts';

export const CLOUD_WORDS = {
  en: {
    destinations: 'Destinations', name: 'Name', url: 'Folder address', user: 'User name', password: 'Password', add: 'Add destination',
    test: 'Test connection', works: /The destination works/, passphrase: 'Passphrase', again: 'The same passphrase again', keep: 'Keep passphrase',
    kept: 'Passphrase kept', consent: (name: string) => `Send to ${name}`, consentTitle: /Send to “/, testTitle: /Connect to “/, testYes: 'Connect and test', backup: 'Backup', again2: 'Back up again',
    photos: 'Photos', where: 'Where Photos goes', also: (name: string) => `This computer + ${name}`, start: 'Back up now', complete: 'Backup complete',
    sent: (name: string) => `Sent to ${name}`, decrypted: /Test-decrypt passed/, activity: 'Activity', destination: 'Destination', host: 'Host',
    method: 'Method', records: (n: string) => `Records: ${n} · blocked: 0`, format: 'Format', export: 'Export', remove: (name: string) => `Remove ${name}`,
    removeYes: 'Remove', sending: 'Sending, encrypted', steps: 'Connection test steps', off: 'Off — not agreed yet', notNow: 'Not now', session: /in memory only/, differs: 'The two passphrases differ.',
  },
  fr: {
    destinations: 'Destinations', name: 'Nom', url: 'Adresse du dossier', user: 'Nom d’utilisateur', password: 'Mot de passe', add: 'Ajouter la destination',
    test: 'Tester la connexion', works: /La destination fonctionne/, passphrase: 'Phrase de passe', again: 'La même phrase de passe à nouveau',
    keep: 'Garder la phrase de passe', kept: 'Phrase de passe gardée', consent: (name: string) => `Envoyer vers ${name}`, consentTitle: /Envoyer vers «\s/,
    testTitle: /Se connecter à «\s/, testYes: 'Se connecter et tester',
    backup: 'Sauvegarde', again2: 'Sauvegarder à nouveau', photos: 'Photos', where: 'Destination de Photos', also: (name: string) => `Cet ordinateur + ${name}`,
    start: 'Sauvegarder', complete: 'Sauvegarde terminée', sent: (name: string) => `Envoyé vers ${name}`, decrypted: /Test de déchiffrement réussi/,
    activity: 'Activité', destination: 'Destination', host: 'Hôte', method: 'Méthode', records: (n: string) => `Enregistrements : ${n} · bloqués : 0`,
    format: 'Format', export: 'Exporter', remove: (name: string) => `Retirer ${name}`, removeYes: 'Retirer', sending: 'Envoi, chiffré', steps: 'Étapes du test de connexion', off: 'Désactivée — pas encore d’accord', notNow: 'Pas maintenant',
    session: /en mémoire seulement/, differs: 'Les deux phrases de passe diffèrent.',
  },
} as const;

export interface CloudPathContext {
  page: Page;
  api: Api;
  webdav: WebdavTestServer;
  language: keyof typeof CLOUD_WORDS;
}

const PASSPHRASE = 'orange piano glacier 42';

export async function cloudPath({ page, api, webdav, language }: CloudPathContext): Promise<void> {
  const words = CLOUD_WORDS[language];
  const name = `NAS ${language}`;

  // Add the WebDAV destination: nothing is sent yet, and the screen says secrets last this run only.
  await page.getByRole('button', { name: words.destinations, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: words.destinations }).waitFor();
  await page.getByText(words.session).waitFor();
  await page.getByLabel(words.name, { exact: true }).fill(name);
  await page.getByLabel(words.url).fill(`${webdav.url}/vitre-${language}`);
  await page.getByLabel(words.user).fill(webdav.username);
  await page.getByLabel(words.password, { exact: true }).fill(webdav.password);
  await page.getByRole('button', { name: words.add }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });
  await card.waitFor();

  // Test the connection: Vitre asks before connecting (Escape says no, and nothing is enabled),
  // then runs the engine's probe.
  await card.getByRole('button', { name: words.test }).click();
  const dialog = page.getByRole('dialog', { name: words.testTitle });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await card.getByText(words.off).waitFor();
  await card.getByRole('button', { name: words.test }).click();
  await dialog.waitFor();
  // The safe answer has the focus when the dialog opens.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(words.notNow);
  await checkScreen(page, `destinations-consent-${language}`, { top: false });
  await dialog.getByRole('button', { name: words.testYes }).click();
  await card.getByText(words.works).waitFor({ timeout: 20_000 });
  expect(await card.getByRole('list', { name: words.steps }).getByRole('listitem').count()).toBe(5);

  // The passphrase, typed twice: a mismatch is refused on the spot.
  await card.getByLabel(words.passphrase, { exact: true }).fill(PASSPHRASE);
  await card.getByLabel(words.again).fill(`${PASSPHRASE}x`);
  await card.getByText(words.differs).waitFor();
  expect(await card.getByRole('button', { name: words.keep }).isDisabled()).toBe(true);
  await card.getByLabel(words.again).fill(PASSPHRASE);
  await card.getByRole('button', { name: words.keep }).click();
  await card.getByText(words.kept).waitFor();
  await checkScreen(page, `destinations-${language}`);

  // Back up photos to it: the first time photos go there, Vitre asks.
  await page.getByRole('button', { name: words.backup, exact: true }).click();
  await page.getByRole('switch').or(page.getByRole('button', { name: words.again2 })).first().waitFor();
  if (await page.getByRole('button', { name: words.again2 }).isVisible()) await page.getByRole('button', { name: words.again2 }).click();
  await page.getByRole('switch', { name: words.photos, exact: true }).waitFor({ timeout: 30_000 });
  for (const row of await page.getByRole('switch').all()) {
    if (await row.isChecked()) await row.uncheck();
  }
  await page.getByRole('switch', { name: words.photos, exact: true }).check();
  await page.getByLabel(words.where).selectOption({ label: words.also(name) });
  await checkScreen(page, `backup-cloud-${language}`);
  await page.getByRole('button', { name: words.start }).click();
  const photosDialog = page.getByRole('dialog', { name: words.consentTitle });
  await photosDialog.getByText(words.photos, { exact: false }).first().waitFor();
  await checkScreen(page, `backup-consent-${language}`, { top: false });
  await photosDialog.getByRole('button', { name: words.consent(name) }).click();
  // The encrypted upload's own progress, photographed when caught (the local part is quick).
  const uploading = page.getByText(words.sending, { exact: true });
  await uploading.or(page.getByRole('heading', { name: words.complete })).first().waitFor({ timeout: 30_000 });
  if (await uploading.isVisible()) {
    await page.screenshot({ path: `test-results/screenshots/backup-upload-progress-${language}-light-1280x800.png` }).catch(() => undefined);
  }
  await page.getByRole('heading', { name: words.complete }).waitFor({ timeout: 60_000 });
  await page.getByText(words.sent(name)).waitFor();
  await page.getByText(words.decrypted).waitFor();
  await checkScreen(page, `backup-cloud-summary-${language}`);

  // Activity: the upload's requests with their purpose, filtered by destination, then by host.
  await page.getByRole('button', { name: words.activity, exact: true }).click();
  const expected = await api.invoke('activity.list', { destination: name, limit: 1 });
  if (!expected.ok) throw new Error(expected.error.message);
  const total = (expected.value as ActivityPage).total;
  expect(total).toBeGreaterThan(5);
  await page.getByLabel(words.destination, { exact: true }).fill(name);
  await page.getByText(words.records(formatCount(total, language)), { exact: true }).waitFor();
  const rows = page.locator('[role="row"][data-index]');
  await rows.first().waitFor();
  const texts = await rows.allTextContents();
  for (const text of texts) expect(text).toContain(name);
  expect(texts.some((text) => text.includes(`· photos · ${name}`) && text.includes('PUT'))).toBe(true);
  await page.getByLabel(words.host, { exact: true }).fill('127.0.0.1');
  await page.getByLabel(words.method).selectOption('PUT');
  const puts = await api.invoke('activity.list', { destination: name, host: '127.0.0.1', method: 'PUT', limit: 1 });
  if (!puts.ok) throw new Error(puts.error.message);
  const putTotal = (puts.value as ActivityPage).total;
  expect(putTotal).toBeGreaterThan(0);
  expect(putTotal).toBeLessThan(total);
  await page.getByText(words.records(formatCount(putTotal, language)), { exact: true }).waitFor();
  await rows.first().waitFor();
  for (const text of await rows.allTextContents()) expect(text).toMatch(new RegExp(`PUT.*127\\.0\\.0\\.1.*:${webdav.port}`));
  await checkScreen(page, `activity-cloud-${language}`);

  // Export a HAR (masked by default): it validates, holds the upload with its purpose, and no password.
  await page.getByLabel(words.format).selectOption('har');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: words.export, exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vitre-activity-.*\.har$/);
  const text = readFileSync(await download.path(), 'utf8');
  const har = JSON.parse(text) as { log: { entries: Array<{ request: { method: string; url: string }; _purpose?: { destination?: string; category?: string; job?: string } }> } };
  const validate = harValidator();
  expect(validate(har), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  const uploads = har.log.entries.filter((entry) => entry.request.method === 'PUT' && entry._purpose?.destination === name && entry._purpose.category === 'photos');
  expect(uploads.length).toBeGreaterThan(0);
  expect(uploads.every((entry) => entry.request.url.startsWith(`${webdav.url}/vitre-${language}/`) && entry._purpose?.job?.startsWith('upload '))).toBe(true);
  expect(text).not.toContain(webdav.password);
  expect(text).not.toContain(Buffer.from(`${webdav.username}:${webdav.password}`).toString('base64'));
  expect(text).not.toContain(PASSPHRASE);

  // Remove it: the backups stored there stay.
  await page.getByRole('button', { name: words.destinations, exact: true }).click();
  await card.getByRole('button', { name: words.remove(name) }).click();
  await card.getByRole('button', { name: words.removeYes, exact: true }).click();
  await card.waitFor({ state: 'detached' });
}

function formatCount(total: number, language: string): string {
  return new Intl.NumberFormat(language).format(total);
}

