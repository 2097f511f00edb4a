// The transport fault switches, as Google's adb experiences them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneFaults } from '../../../../main/core/demo-phone/options.ts';
import { startDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { AdbServer } from './adb-harness.ts';
import { BIG_FILE, createTestPhone } from './test-phone.ts';

const adb = new AdbServer();
const work = mkdtempSync(join(tmpdir(), 'vitre-demo-faults-'));
const phones: RunningDemoPhone[] = [];

beforeAll(() => adb.start());

afterAll(async () => {
  await adb.stop();
  for (const phone of phones) await phone.close();
  rmSync(work, { recursive: true, force: true });
});

async function connectedPhone(faults: PhoneFaults): Promise<RunningDemoPhone> {
  const phone = await startDemoPhone(createTestPhone(), { auth: 'none', trustedKeys: [], faults });
  phones.push(phone);
  await adb.connect(phone.serial);
  await adb.waitForState(phone.serial, 'device');
  return phone;
}

const pull = (phone: RunningDemoPhone, timeoutMs = 20_000) =>
  adb.run(['-s', phone.serial, 'pull', BIG_FILE, join(work, `${phone.port}.bin`)], { timeoutMs });

describe('demo phone fault switches', () => {
  it('dropAfterBytes ends the connection mid-transfer', async () => {
    const phone = await connectedPhone({ dropAfterBytes: 200_000 });
    const result = await pull(phone);
    expect(result.code).toBe(1);
    await adb.waitForState(phone.serial, 'offline');
  });

  it('stallAfterBytes stops sending but keeps the connection open', async () => {
    const phone = await connectedPhone({ stallAfterBytes: 200_000 });
    const started = Date.now();
    const result = await pull(phone, 2_000);
    // adb waits for data that never comes; only the timeout ends it.
    expect(result.code).toBe(-1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(await adb.waitForState(phone.serial, 'device')).toContain('device');
  });

  it('corruptPacket makes adb drop the connection at that packet', async () => {
    // Packet 6 is the first WRTE of file data: CNXN, then OKAY/OKAY/WRTE for the stat, OKAY for RECV.
    const phone = await connectedPhone({ corruptPacket: 6 });
    const result = await pull(phone);
    expect(result.code).toBe(1);
    await adb.waitForState(phone.serial, 'offline');
  });
});
