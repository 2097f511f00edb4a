// A private adb server for one test file: its own port and HOME (so ~/.android/adbkey is the
// test's), killed at the end. Commands run through Google's adb, the independent judge.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../../../support/tools.ts';

export interface AdbResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class AdbServer {
  readonly home: string;
  readonly port: number;
  readonly #adb: string;

  constructor() {
    this.#adb = requireTool('adb');
    this.home = mkdtempSync(join(tmpdir(), 'vitre-adb-home-'));
    this.port = 20000 + Math.floor(Math.random() * 40000);
  }

  async start(): Promise<void> {
    const result = await this.run(['start-server']);
    if (result.code !== 0) throw new Error(`adb server did not start: ${result.stderr}`);
  }

  /** Runs `adb -P PORT ...args`; never rejects, so tests can assert on failures too. */
  run(args: string[], options: { timeoutMs?: number; input?: string } = {}): Promise<AdbResult> {
    return new Promise((resolve) => {
      const child = execFile(
        this.#adb,
        ['-P', String(this.port), ...args],
        {
          env: { ...process.env, HOME: this.home, ANDROID_ADB_SERVER_PORT: String(this.port), ADB_VENDOR_KEYS: '' },
          timeout: options.timeoutMs ?? 30_000,
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout, stderr });
        },
      );
      // adb forwards stdin to shell sessions: give it the input, then end of file. adb may exit
      // before reading it (connect, pull): the resulting EPIPE is expected and carries no news.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input ?? '');
    });
  }

  async connect(serial: string): Promise<AdbResult> {
    return this.run(['connect', serial]);
  }

  /** Polls `adb devices` until the serial shows `state` (device, unauthorized, offline). */
  async waitForState(serial: string, state: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = (await this.run(['devices', '-l'])).stdout;
      const line = last.split('\n').find((l) => l.startsWith(`${serial} `) || l.startsWith(`${serial}\t`));
      if (line !== undefined && line.split(/\s+/)[1] === state) return line;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${serial} never reached "${state}"; adb devices said:\n${last}`);
  }

  async stop(): Promise<void> {
    await this.run(['kill-server'], { timeoutMs: 10_000 });
    rmSync(this.home, { recursive: true, force: true });
  }
}
