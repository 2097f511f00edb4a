// A simulated phone for backup tests: the demo phone (real JPEGs, contacts, messages...) served
// over TCP on a free loopback port, opened directly (no adb server needed).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoPhone } from '../../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import { startDemoPhone, type RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { openDevice, type Device } from '../../../../main/core/device/index.ts';

export const SMALL_PHONE: Partial<PhoneOptions> = { photos: 12, videos: 2, contacts: 12, messages: 60, calls: 20 };

export interface BackupPhone {
  phone: SimulatedPhone;
  running: RunningDemoPhone;
  device: Device;
  target: string;
  close(): Promise<void>;
}

export async function startBackupPhone(options: Partial<PhoneOptions> = {}): Promise<BackupPhone> {
  const full: PhoneOptions = { ...DEFAULT_PHONE_OPTIONS, ...SMALL_PHONE, ...options };
  const phone = createDemoPhone(full);
  const running = await startDemoPhone(phone, full);
  const target = `tcp:127.0.0.1:${running.port}`;
  const device = await openDevice(target);
  return {
    phone,
    running,
    device,
    target,
    async close() {
      await device.close();
      await running.close();
    },
  };
}

export function temporaryFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const CLI = join(import.meta.dirname, '../../../../main/cli/main.ts');

/** Runs the `vitre` command (Node 24, this test's VITRE_HOME). */
export function vitre(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 50_000, encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

export const CLI_ENTRY = CLI;
