// A simulated phone opened both ways Vitre reaches phones: directly over TCP (its own key store)
// and through a private Google adb server. For suites that must hold for either connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoPhone } from '../../../../main/core/demo-phone/create-phone.ts';
import type { PhoneOptions } from '../../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import { startDemoPhone, type RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { KeyStore, openDevice, type Device } from '../../../../main/core/device/index.ts';
import { PrivateAdbServer, waitFor } from './private-adb-server.ts';

export type Connection = 'direct' | 'adb-server';

export interface PhoneBothWays {
  phone: SimulatedPhone;
  running: RunningDemoPhone;
  devices: Record<Connection, Device>;
  close(): Promise<void>;
}

export async function openBothWays(options: PhoneOptions): Promise<PhoneBothWays> {
  const phone = createDemoPhone(options);
  const running = await startDemoPhone(phone, options);
  const keys = mkdtempSync(join(tmpdir(), 'vitre-both-ways-'));
  const direct = await openDevice(`tcp:127.0.0.1:${running.port}`, { keyStore: new KeyStore({ folder: keys, androidFolder: null }) });
  const adb = new PrivateAdbServer();
  await adb.server.connect('127.0.0.1', running.port);
  await waitFor(async () => (await adb.server.devices()).find((d) => d.serial === running.serial && d.state === 'ready'), 'the phone to be ready');
  const throughServer = await openDevice(running.serial, { adbServer: adb.server });
  return {
    phone,
    running,
    devices: { direct, 'adb-server': throughServer },
    async close() {
      await direct.close();
      await throughServer.close();
      await running.close();
      await adb.stop();
      rmSync(keys, { recursive: true, force: true });
    },
  };
}
