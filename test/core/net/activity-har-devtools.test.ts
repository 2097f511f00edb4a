// The HAR export opened by Chromium's own DevTools importer (models/har: HARRoot parses and checks
// the required fields, Importer.requestsFromHARLog builds the Network panel's requests), in a real
// headless Chromium.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportActivity } from '../../../main/core/net/activity-export.ts';
import { openActivityLog } from '../../../main/core/net/activity-log.ts';
import { makeRecord } from '../../../main/core/net/activity-record.ts';
import { requireTool } from '../../support/tools.ts';
import { sampleRecord } from './sample-records.ts';

let home: string;
let browser: Browser;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-devtools-'));
  browser = await chromium.launch({
    executablePath: requireTool('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the HAR export in Chromium DevTools', () => {
  it('imports every entry, with its URL and status', async () => {
    const log = openActivityLog(home);
    log.append([
      sampleRecord(1),
      sampleRecord(2, { status: 404 }),
      makeRecord({ kind: 'tcp', verdict: 'blocked', reason: 'blocked: tcp to 192.0.2.1:443 …', host: '192.0.2.1', port: 443, protocol: 'tls' }),
      makeRecord({ kind: 'dns', verdict: 'blocked', reason: 'blocked: looking up "telemetry.example.net" …', host: 'telemetry.example.net', port: 53, protocol: 'dns' }),
      makeRecord({ kind: 'process', verdict: 'allowed', reason: 'allowed: a program Vitre starts', protocol: 'adb', detail: { command: ['adb', 'start-server'] } }),
    ]);
    const file = path.join(home, 'activity.har');
    await exportActivity(log, file, { format: 'har' });
    log.close();
    const page = await browser.newPage();
    await page.goto('devtools://devtools/bundled/devtools_app.html', { timeout: 20_000 });
    // Runs inside DevTools, as source text (the test runner rewrites dynamic imports in functions);
    // the module path is relative to devtools_app.html.
    const imported = (await page.evaluate(`(async (text) => {
      const har = await import('./models/har/har.js');
      const root = new har.HARFormat.HARRoot(JSON.parse(text));
      return har.Importer.Importer.requestsFromHARLog(root.log).map((request) => ({ url: request.url(), status: request.statusCode }));
    })(${JSON.stringify(fs.readFileSync(file, 'utf8'))})`)) as { url: string; status: number }[];
    expect(imported).toHaveLength(5);
    expect(imported).toContainEqual({ url: 'https://s3.example.com/bucket/object-1', status: 200 });
    expect(imported).toContainEqual({ url: 'https://dav.example.org/bucket/object-2', status: 404 });
    expect(imported).toContainEqual({ url: 'tcp://192.0.2.1:443', status: 0 });
  });
});
