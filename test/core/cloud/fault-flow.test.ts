// A cloud backup of ~96 MiB of phone data through the fault proxy (drops, 500/503, slow,
// truncated), then checked straight at the server: no duplicate, no missing, no corrupt object,
// and a restore gives byte-identical files. The same flow at 1 GiB is test/bench/cloud-faults.bench.ts.
import { describe, expect, it } from 'vitest';
import { faultFlowFailures, runFaultFlow } from './support/fault-flow.ts';

const MiB = 1024 * 1024;

describe('a cloud backup through a faulty network', () => {
  it('stores every object once and intact, and restores byte-identical files', async () => {
    const result = await runFaultFlow({
      seed: 17, photos: 20, videos: [24 * MiB, 20 * MiB, 17 * MiB + 123, 12 * MiB, 9 * MiB + 5],
      rates: { drop: 0.06, status: 0.06, slow: 0.03, truncate: 0.06 },
    });
    expect(faultFlowFailures(result)).toEqual([]);
    expect(result.bytes).toBeGreaterThan(80 * MiB);
    expect(result.expectedObjects).toBeGreaterThan(20);
    expect(result.retries).toBeGreaterThan(0);
    expect(result.faults.drop + result.faults.status + result.faults.truncate).toBeGreaterThan(3);
  }, 180_000);
});
