// `vitre serve` as a user runs it: it prints an address carrying the token, that address serves
// the app, and Ctrl+C stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawGet } from './raw-http.ts';

function startCli(args: string[]): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['test/web/fixtures/vitre-cli.ts', ...args], {
    // No adb server is needed until a browser asks for phones; keep any that starts private.
    env: {
      ...process.env,
      ANDROID_ADB_SERVER_PORT: String(20_000 + Math.floor(Math.random() * 40_000)),
      // The data folder (activity log) of this test only.
      VITRE_HOME: mkdtempSync(join(tmpdir(), 'vitre-serve-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 15 s; printed:\n${text}`)), 15_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/#token=\S+/.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  return { child, output };
}

describe('vitre serve', () => {
  it('prints the address with the token, serves the app there, and stops on Ctrl+C', async () => {
    const { child, output } = startCli(['serve']);
    const text = await output;
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})/.exec(text);
    expect(url, text).not.toBeNull();
    const port = Number(url![1]);
    expect((await rawGet(port, '/', { Host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await rawGet(port, '/api/x', { Host: `127.0.0.1:${port}` })).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects a port that is not a number', async () => {
    const child = spawn(process.execPath, ['test/web/fixtures/vitre-cli.ts', 'serve', '--port', 'http'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(errors).toContain('port');
  });
});
