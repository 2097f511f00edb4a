import { describe, expect, it } from 'vitest';
import { makePhone, sh } from './test-phone.ts';

describe('a very large simulated phone', () => {
  it('creates 100,000 files and 50,000 messages, answering queries at the far end', async () => {
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const phone = makePhone({ files: 100_000, messages: 50_000, photos: 400, extraFiles: [{ path: '/sdcard/Movies/big.mp4', size: 1024 ** 3 }] });
    const seconds = (performance.now() - started) / 1000;
    const heapMiB = (process.memoryUsage().heapUsed - before) / 1024 ** 2;
    console.log(`100,000-file / 50,000-message phone created in ${seconds.toFixed(2)} s, heap +${heapMiB.toFixed(0)} MiB`);
    // How fast is `npm run bench`'s business (demo-phone.bench.ts); the suite checks behaviour.
    const last = await sh(phone, 'content query --uri content://sms --projection _id --where "_id>49998" --sort "_id ASC"');
    expect(last.stdout).toBe('Row: 0 _id=49999\nRow: 1 _id=50000\n');
  });

  it('reads a 1 GiB file in 64 KiB chunks, every chunk full-sized until the end', () => {
    const phone = makePhone({ extraFiles: [{ path: '/sdcard/Movies/big.mp4', size: 1024 ** 3 }] });
    const path = '/sdcard/Movies/big.mp4';
    const size = phone.files.stat(path).size;
    const started = performance.now();
    let total = 0;
    for (let offset = 0; offset < size; offset += 65536) total += phone.files.read(path, offset, 65536).length;
    const seconds = (performance.now() - started) / 1000;
    const rate = total / 1024 ** 2 / seconds;
    console.log(`read 1 GiB in 64 KiB chunks at ${rate.toFixed(0)} MiB/s`);
    expect(total).toBe(size);
  });

  it('streams all 50,000 messages in one query without building one string', async () => {
    const phone = makePhone({ messages: 50_000 });
    const started = performance.now();
    let chunks = 0;
    let largest = 0;
    let rows = 0;
    for await (const chunk of phone.shell.run('content query --uri content://sms', new AbortController().signal)) {
      if ('stdout' in chunk) {
        chunks += 1;
        largest = Math.max(largest, chunk.stdout.length);
        rows += Buffer.from(chunk.stdout).toString().split('\nRow: ').length - 1;
      }
    }
    console.log(`50,000 messages streamed in ${chunks} chunks (largest ${largest} bytes) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(chunks).toBeGreaterThan(100);
    expect(largest).toBeLessThan(256 * 1024);
    expect(rows).toBeGreaterThan(49_000);
  });

  it('stops a long query when the caller aborts', async () => {
    const phone = makePhone({ messages: 50_000 });
    const controller = new AbortController();
    let chunks = 0;
    let exit = -1;
    for await (const chunk of phone.shell.run('content query --uri content://sms', controller.signal)) {
      if ('stdout' in chunk && ++chunks === 3) controller.abort();
      if ('exit' in chunk) exit = chunk.exit;
    }
    expect(chunks).toBeLessThan(6);
    expect(exit).toBe(130);
  });
});
