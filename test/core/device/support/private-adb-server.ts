// A private adb server for one test file: its own port and HOME (so ~/.android/adbkey is the
// test's), killed in afterAll. Vitre's AdbServer starts it, like it would start the user's.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbServer } from '../../../../main/core/device/index.ts';
import { requireTool } from '../../../support/tools.ts';

export class PrivateAdbServer {
  readonly adbPath: string;
  readonly home: string;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  readonly server: AdbServer;

  constructor() {
    this.adbPath = requireTool('adb');
    this.home = mkdtempSync(join(tmpdir(), 'vitre-device-adb-'));
    this.port = 20000 + Math.floor(Math.random() * 40000);
    this.env = { ...process.env, HOME: this.home, ANDROID_ADB_SERVER_PORT: String(this.port), ADB_VENDOR_KEYS: '' };
    this.server = new AdbServer({ port: this.port, adbPath: this.adbPath, env: this.env });
  }

  /** Runs Google's `adb -P PORT ...args` against this server. */
  adb(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        this.adbPath,
        ['-P', String(this.port), ...args],
        { env: this.env, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout: stdout.toString('latin1'), stderr: stderr.toString('utf8') });
        },
      );
    });
  }

  async stop(): Promise<void> {
    await this.adb(['kill-server'], 10_000);
    rmSync(this.home, { recursive: true, force: true });
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
