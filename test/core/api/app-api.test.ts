// The API end to end on real parts: Google's adb server (own port, own HOME), the device layer, and
// the simulated phone's ADB daemon. Google's adb also judges what the API reports.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../preload/contract/api.ts';
import type { Device, DeviceFacts, DeviceList } from '../../../preload/contract/devices.ts';
import { createAppApi } from '../../../main/core/api/create-app-api.ts';
import type { Api } from '../../../main/core/api/create-api.ts';
import { createDemoPhone } from '../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../../main/core/demo-phone/options.ts';
import { startDemoPhone, type RunningDemoPhone } from '../../../main/core/demo-phone/server.ts';
import { KeyStore } from '../../../main/core/device/index.ts';
import { listenTcp } from '../../../main/core/net/tcp.ts';
import { requireTool } from '../../support/tools.ts';
import { value } from './support/api-results.ts';

let adb: string;
let scratch: string;
let adbPort: number;
let env: NodeJS.ProcessEnv;
let api: Api;
let secondPhone: RunningDemoPhone;
const events: EventMessage[] = [];

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  adb = requireTool('adb');
  scratch = mkdtempSync(join(tmpdir(), 'vitre-api-'));
  mkdirSync(join(scratch, 'home'));
  adbPort = 20_000 + Math.floor(Math.random() * 40_000);
  env = { ...process.env, HOME: join(scratch, 'home'), ANDROID_ADB_SERVER_PORT: String(adbPort) };
  api = createAppApi({
    adbServer: { port: adbPort, adbPath: adb, env },
    keyStore: new KeyStore({ folder: join(scratch, 'vitre'), androidFolder: null }),
  });
  api.subscribe((message) => events.push(message));
  secondPhone = await startDemoPhone(createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, profile: 'miui', seed: 7 }), DEFAULT_PHONE_OPTIONS);
});

afterAll(async () => {
  await api?.close();
  await secondPhone?.close();
  try {
    execFileSync(adb, ['-P', String(adbPort), 'kill-server'], { env, stdio: 'ignore', timeout: 10_000 });
  } catch {
    // The server was never started (an earlier failure): nothing to stop.
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the simulated phone', () => {
  it('starts, is listed as simulated with its model, and announces the change', async () => {
    const device = value<Device>(await api.invoke('demo-phone.start', {}));
    expect(device).toMatchObject({ transport: 'demo', simulated: true, state: 'ready', model: 'Pixel 8' });
    const list = value<DeviceList>(await api.invoke('devices.list', {}));
    expect(list.demoRunning).toBe(true);
    expect(list.devices).toContainEqual(device);
    // Events follow the change asynchronously (the list is read again from the adb server).
    await until(() => (events.at(-1)?.payload as DeviceList | undefined)?.demoRunning === true);
    expect(events.at(-1)).toMatchObject({ event: 'devices.changed', payload: { demoRunning: true } });
  });

  it('starting it twice gives the same phone', async () => {
    const first = value<Device>(await api.invoke('demo-phone.start', {}));
    const second = value<Device>(await api.invoke('demo-phone.start', {}));
    expect(second.id).toBe(first.id);
  });

  it('reports its facts: model, Android version, storage and battery', async () => {
    const device = value<Device>(await api.invoke('demo-phone.start', {}));
    const facts = value<DeviceFacts>(await api.invoke('devices.facts', { deviceId: device.id }));
    expect(facts).toMatchObject({ deviceId: device.id, manufacturer: 'Google', model: 'Pixel 8', androidVersion: '15', sdkLevel: 35, simulated: true });
    expect(facts.storage!.totalBytes).toBeGreaterThan(facts.storage!.freeBytes);
    expect(facts.battery!.percent).toBeGreaterThanOrEqual(0);
  });

  it('stops and leaves the list', async () => {
    expect(value(await api.invoke('demo-phone.stop', {}))).toBeNull();
    const list = value<DeviceList>(await api.invoke('devices.list', {}));
    expect(list.demoRunning).toBe(false);
    expect(list.devices.filter((device) => device.simulated)).toEqual([]);
  });
});

describe('connecting by address', () => {
  it('connects directly, lists the phone on Wi-Fi with its model, and disconnects', async () => {
    const device = value<Device>(await api.invoke('devices.connect', { address: `127.0.0.1:${secondPhone.port}` }));
    expect(device).toMatchObject({ id: `lan:127.0.0.1:${secondPhone.port}`, transport: 'lan', state: 'ready', simulated: false, model: '23117RA68G' });
    const facts = value<DeviceFacts>(await api.invoke('devices.facts', { deviceId: device.id }));
    expect(facts).toMatchObject({ manufacturer: 'Xiaomi', androidVersion: '14', sdkLevel: 34 });
    expect(value(await api.invoke('devices.disconnect', { deviceId: device.id }))).toBeNull();
    expect(value<DeviceList>(await api.invoke('devices.list', {})).devices).toEqual([]);
  });

  it('says "unreachable" when nothing answers at that address', async () => {
    const { server, port } = await listenTcp((socket) => socket.destroy());
    server.close();
    const result = await api.invoke('devices.connect', { address: `127.0.0.1:${port}` });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('refuses input that does not match the contract, with a message the user can act on', async () => {
    expect(await api.invoke('devices.connect', { address: 'phone please' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('HOST:PORT') } });
    expect(await api.invoke('devices.connect', { address: '10.0.0.2:99999' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await api.invoke('devices.connect', { address: '10.0.0.2', extra: true })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await api.invoke('devices.facts', { deviceId: 'demo:gone' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await api.invoke('devices.disconnect', { deviceId: 'lan:10.0.0.2:5555' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await api.invoke('nope', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

describe('phones the adb server knows', () => {
  it('lists a phone Google’s adb connected to, as a Wi-Fi phone with its model', async () => {
    const serial = `127.0.0.1:${secondPhone.port}`;
    // The interface lists phones when it opens; from then on the adb server's changes are followed.
    await api.invoke('devices.list', {});
    const eventsBefore = events.length;
    // Asynchronously: the simulated phone runs in this process and must answer adb's handshake.
    const run = promisify(execFile);
    const { stdout } = await run(adb, ['-P', String(adbPort), 'connect', serial], { env, encoding: 'utf8', timeout: 20_000 });
    expect(stdout).toContain('connected');
    let listed: Device | undefined;
    const deadline = Date.now() + 10_000;
    while (listed?.state !== 'ready' && Date.now() < deadline) {
      listed = value<DeviceList>(await api.invoke('devices.list', {})).devices.find((device) => device.serial === serial);
      if (listed?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(listed).toMatchObject({ id: `lan:${serial}`, transport: 'lan', state: 'ready', model: '23117RA68G', simulated: false });
    // The adb server's hotplug stream reaches the interface as an event, without asking.
    const announced = () => events.slice(eventsBefore).some((message) => (message.payload as DeviceList).devices.some((device) => device.serial === serial));
    await until(announced);
    expect(announced()).toBe(true);
    const facts = value<DeviceFacts>(await api.invoke('devices.facts', { deviceId: listed!.id }));
    expect(facts.manufacturer).toBe('Xiaomi');
    expect(value(await api.invoke('devices.disconnect', { deviceId: listed!.id }))).toBeNull();
    expect(value<DeviceList>(await api.invoke('devices.list', {})).devices).toEqual([]);
  });

  it('explains that adb is missing instead of failing the whole list', async () => {
    const withoutAdb = createAppApi({ adbServer: { port: adbPort + 1, adbPath: join(scratch, 'no-adb-here'), env } });
    try {
      const list = value<DeviceList>(await withoutAdb.invoke('devices.list', {}));
      expect(list.devices).toEqual([]);
      expect(list.problems).toEqual([{ kind: 'adb-missing', message: expect.stringContaining('adb') }]);
    } finally {
      await withoutAdb.close();
    }
  });
});
