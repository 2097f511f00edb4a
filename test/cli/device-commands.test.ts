// The device commands end to end: `node main/cli/main.ts ...` on Node 24, against a private adb
// server and the simulated phone.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/exit-codes.ts';
import { PrivateAdbServer } from '../core/device/support/private-adb-server.ts';
import { startTestPhone } from '../core/device/support/test-phone.ts';

const MAIN = join(import.meta.dirname, '../../main/cli/main.ts');
let adb: PrivateAdbServer;
let vitreHome: string;
let phone: Awaited<ReturnType<typeof startTestPhone>>;

function vitre(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { ...adb.env, VITRE_HOME: vitreHome }, timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  adb = new PrivateAdbServer();
  vitreHome = mkdtempSync(join(tmpdir(), 'vitre-cli-home-'));
  phone = await startTestPhone();
});

afterAll(async () => {
  await phone?.close();
  await adb?.stop();
  rmSync(vitreHome, { recursive: true, force: true });
});

describe('vitre device commands', () => {
  it('devices starts the adb server and says when nothing is connected', async () => {
    const result = await vitre(['devices']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/No phones found/);
  });

  it('connect adds the phone through the adb server and names it', async () => {
    const result = await vitre(['connect', `127.0.0.1:${phone.port}`]);
    expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`Connected to 127\\.0\\.0\\.1:${phone.port} \\(Pixel 7\\)`));
  });

  it('devices --json lists the phone with its model', async () => {
    const result = await vitre(['devices', '--json']);
    expect(result.code).toBe(EXIT.ok);
    const { devices } = JSON.parse(result.stdout) as { devices: Array<Record<string, unknown>> };
    expect(devices).toContainEqual(expect.objectContaining({ serial: phone.serial, state: 'ready', model: 'Pixel 7' }));
  });

  it('info on a direct target prints model, Android version, storage and battery as JSON', async () => {
    const result = await vitre(['info', `tcp:127.0.0.1:${phone.port}`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const info = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      connection: 'direct',
      model: 'Pixel 7',
      androidVersion: '14',
      sdk: 34,
      storage: { mountPoint: '/data', freeBytes: 74587032 * 1024 },
      battery: { levelPercent: 85, charging: true },
    });
  });

  it('info through the adb server prints readable text', async () => {
    const result = await vitre(['info', phone.serial]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/Model: +Pixel 7 \(Google\)/);
    expect(result.stdout).toMatch(/Android: +14 \(SDK 34\)/);
    expect(result.stdout).toMatch(/Storage: +41\.3 GB used, 76\.4 GB free of 117\.8 GB/);
    expect(result.stdout).toMatch(/Battery: +85%, charging/);
  });

  it('connect --direct checks the phone without the adb server', async () => {
    const result = await vitre(['connect', `127.0.0.1:${phone.port}`, '--direct']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/Connected directly to .*\(Pixel 7\)/);
  });

  it('pair exits non-zero on adb 29 and says the adb server is too old', async () => {
    const result = await vitre(['pair', '127.0.0.1:37001', '123456']);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^vitre: The adb server is too old for wireless pairing.*platform-tools 30/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits with "unreachable" and one line of advice when no phone answers', async () => {
    const closed = await startTestPhone();
    await closed.close();
    const result = await vitre(['info', `tcp:127.0.0.1:${closed.port}`]);
    expect(result.code).toBe(EXIT.unreachable);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/No phone answers/);
  });

  it('rejects a malformed address as a usage error', async () => {
    const result = await vitre(['info', 'tcp:nowhere']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/HOST:PORT/);
  });
});

describe('vitre demo-phone, then the device commands against it', () => {
  let demo: ChildProcess | undefined;
  let address = '';

  beforeAll(async () => {
    demo = spawn(process.execPath, [MAIN, 'demo-phone', '--port', '0', '--seed', '3'], {
      env: { ...adb.env, VITRE_HOME: vitreHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    address = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`demo-phone did not start; it said: ${seen}`)), 20_000);
      demo?.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (127\.0\.0\.1:\d+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
      demo?.once('exit', (code) => reject(new Error(`demo-phone exited with ${code}: ${seen}`)));
    });
  });

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo?.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
  });

  it('connects, lists the phone with its model, and prints its facts', async () => {
    expect((await vitre(['connect', address])).code).toBe(EXIT.ok);
    const { devices } = JSON.parse((await vitre(['devices', '--json'])).stdout) as { devices: Array<Record<string, unknown>> };
    const listed = devices.find((device) => device.serial === address);
    expect(listed).toMatchObject({ state: 'ready', model: expect.stringMatching(/\S/) });
    const info = JSON.parse((await vitre(['info', `tcp:${address}`, '--json'])).stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      model: listed?.model,
      androidVersion: expect.stringMatching(/^\d+/),
      storage: { freeBytes: expect.any(Number), usedBytes: expect.any(Number) },
      battery: { levelPercent: expect.any(Number), charging: expect.any(Boolean) },
    });
  });
});

describe('vitre devices with a phone that is not ready', () => {
  it('shows its state and what to do about it', async () => {
    const locked = await startTestPhone({ auth: 'rsa', trustedKeys: [] });
    try {
      await vitre(['connect', `127.0.0.1:${locked.port}`]);
      let text = '';
      for (let attempt = 0; attempt < 50 && !text.includes('unauthorized'); attempt++) {
        text = (await vitre(['devices'])).stdout;
      }
      expect(text).toMatch(new RegExp(`127\\.0\\.0\\.1:${locked.port} +unauthorized`));
      expect(text).toMatch(/Unlock the phone and tap Allow on the 'Allow USB debugging\?' prompt/);
      const info = await vitre(['info', locked.serial]);
      expect(info.code).toBe(EXIT.refused);
      expect(info.stderr).toMatch(/unauthorized/);
    } finally {
      await adb.adb(['disconnect', locked.serial]);
      await locked.close();
    }
  });
});
