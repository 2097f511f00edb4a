// Benchmark of the Activity view with 100,000 records. Run: node test/bench/activity-view.bench.ts
// Builds the log with the activity log's own functions in a temporary VITRE_HOME, serves the app
// with the local web host, opens it in Chromium (playwright-core) and prints, as measured here:
//  - frame times (requestAnimationFrame deltas: median, p95, max) while the table is scrolled with
//    50 wheel steps, and while it jumps through the whole log in 50 steps (rows fetched on demand);
//  - filter latency: typing a host into the Host filter until the table shows only that host
//    (median of 10, in the page, no automation round trips). Target: under 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { activityLogSource } from '../../main/core/api/activity-log-source.ts';
import { createApi } from '../../main/core/api/create-api.ts';
import { settingsSource } from '../../main/core/api/settings-source.ts';
import { openActivityLog } from '../../main/core/net/activity-log.ts';
import { makeRecord, type ActivityRecord } from '../../main/core/net/activity-record.ts';
import { startWebHost } from '../../main/web/web-host.ts';
import { CHROMIUM_FLAGS } from '../e2e/browser.ts';
import { requireTool } from '../support/tools.ts';
import { noPhones } from '../web/no-phones.ts';

const RECORDS = Number(process.env.BENCH_VIEW_RECORDS ?? 100_000);
const HOSTS = 40;
const FILTER_TARGET_MS = 100;
const WHEEL_STEPS = 50;
const FILTER_RUNS = 10;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function record(index: number, start: number): ActivityRecord {
  const host = index % 97 === 0 ? 'telemetry.example' : `host-${index % HOSTS}.lan`;
  return makeRecord({
    time: start + index * 250,
    kind: 'http',
    verdict: host === 'telemetry.example' ? 'blocked' : 'allowed',
    reason: host === 'telemetry.example' ? 'blocked: not a destination you enabled' : 'allowed: destination "Home WebDAV" you added and enabled',
    host,
    port: 443,
    method: index % 5 === 0 ? 'GET' : 'PUT',
    status: 201,
    url: `https://${host}/vitre/photos/IMG_${index}.jpg`,
    bytesUp: 100_000 + (index % 1000) * 300,
    bytesDown: 200,
    purpose: { job: `backup-${Math.floor(index / 10_000)}`, category: 'photos', destination: 'Home WebDAV', module: 'destinations/webdav' },
    timings: { dns: 1, connect: 2, tls: 5, firstByte: 20, total: 30 + (index % 50) },
  });
}

/** Starts collecting frame deltas in the page; the returned function stops and hands them back. */
async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const state = { deltas: [] as number[], last: 0, running: true };
    (window as unknown as { frames: typeof state }).frames = state;
    const tick = (now: number) => {
      if (state.last !== 0) state.deltas.push(now - state.last);
      state.last = now;
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () => page.evaluate(() => {
    const state = (window as unknown as { frames: { deltas: number[]; running: boolean } }).frames;
    state.running = false;
    return state.deltas;
  });
}

function frameLine(label: string, deltas: number[]): string {
  return `${label}: ${deltas.length} frames, median ${ms(percentile(deltas, 0.5))}, p95 ${ms(percentile(deltas, 0.95))}, max ${ms(Math.max(...deltas))}`;
}

/** Types `host` into the Host filter and waits, in the page, until every drawn row is that host. */
function filterLatency(page: Page, host: string): Promise<number> {
  return page.evaluate((wanted) => new Promise<number>((resolve) => {
    const input = document.querySelector<HTMLInputElement>('.activity-filters input[placeholder^="e.g."]');
    if (input === null) throw new Error('no Host filter');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const started = performance.now();
    setValue?.call(input, wanted);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      const hosts = [...document.querySelectorAll('.activity-body [role="row"][data-index] .host-name')].map((cell) => cell.firstChild?.textContent);
      if (hosts.length > 0 && hosts.every((text) => text === wanted)) resolve(performance.now() - started);
      else requestAnimationFrame(check);
    };
    check();
  }), host);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'vitre-view-bench-'));
  const home = join(scratch, 'home');
  const log = openActivityLog(home);
  const browser = await chromium.launch({ executablePath: requireTool('chromium'), args: CHROMIUM_FLAGS });
  try {
    let started = performance.now();
    const start = Date.now() - RECORDS * 250;
    for (let first = 0; first < RECORDS; first += 5_000) {
      log.append(Array.from({ length: Math.min(5_000, RECORDS - first) }, (_, offset) => record(first + offset, start)));
    }
    console.log(`log: ${RECORDS.toLocaleString('en')} records appended in ${ms(performance.now() - started)}`);

    const rendererDir = join(scratch, 'renderer');
    process.env.NODE_ENV = 'production';
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: rendererDir, sourcemap: false } });
    const api = createApi({ ...noPhones(), activity: activityLogSource(log), settings: settingsSource({ home, activityLog: log }) });
    const host = await startWebHost({ api, rendererDir });
    try {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(host.url);
      started = performance.now();
      await page.getByRole('button', { name: 'Activity', exact: true }).click();
      await page.locator('[data-index="0"][data-verdict]').waitFor({ timeout: 30_000 });
      console.log(`open Activity: first rows shown in ${ms(performance.now() - started)}`);
      // The tamper check and the totals finish loading before scrolling is measured.
      await page.locator('.log-integrity[data-tone="success"]').waitFor({ timeout: 60_000 });
      await page.locator('.bytes-chart').waitFor({ timeout: 30_000 });
      console.log(`open Activity: tamper check and totals shown in ${ms(performance.now() - started)}`);
      const table = page.getByRole('table', { name: 'Activity records, newest first' });
      const box = await table.boundingBox();
      if (box === null) throw new Error('the table is not visible');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

      let stop = await recordFrames(page);
      for (let step = 0; step < WHEEL_STEPS; step++) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(16);
      }
      console.log(frameLine(`wheel scroll (${WHEEL_STEPS} steps of 600 px)`, await stop()));

      stop = await recordFrames(page);
      const jumps: number[] = [];
      for (let step = 1; step <= WHEEL_STEPS; step++) {
        jumps.push(await table.evaluate((element, fraction) => new Promise<number>((resolve) => {
          const began = performance.now();
          element.scrollTop = (element.scrollHeight - element.clientHeight) * fraction;
          // The row at the top of the view once it has scrolled there: drawn and filled in.
          const header = element.querySelector('.activity-head')?.getBoundingClientRect().height ?? 0;
          const target = Math.max(0, Math.floor((element.scrollTop - header) / 40) + 1);
          const check = () => {
            if (element.querySelector(`[data-index="${target}"][data-verdict]`) !== null) resolve(performance.now() - began);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }), step / WHEEL_STEPS));
      }
      console.log(frameLine(`jumps through the whole log (${WHEEL_STEPS} steps)`, await stop()));
      console.log(`  rows shown after a jump: median ${ms(percentile(jumps, 0.5))}, p95 ${ms(percentile(jumps, 0.95))}, max ${ms(Math.max(...jumps))}`);

      await table.evaluate((element) => { element.scrollTop = 0; });
      const latencies: number[] = [];
      for (let run = 0; run < FILTER_RUNS; run++) {
        const wanted = run % 2 === 0 ? `host-${run}.lan` : 'telemetry.example';
        latencies.push(await filterLatency(page, wanted));
        await page.getByRole('button', { name: 'Clear filters' }).click();
        await page.getByText(`Records: ${RECORDS.toLocaleString('en')}`, { exact: false }).waitFor();
      }
      const median = percentile(latencies, 0.5);
      console.log(`filter by host (${FILTER_RUNS} runs): median ${ms(median)}, max ${ms(Math.max(...latencies))} — target < ${FILTER_TARGET_MS} ms: ${median < FILTER_TARGET_MS ? 'met' : 'NOT met'}`);
      await context.close();
    } finally {
      await host.close();
      await api.close();
    }
  } finally {
    await browser.close();
    log.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
