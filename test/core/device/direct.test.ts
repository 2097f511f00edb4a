// Vitre straight to a phone's adbd over TCP (no adb server), against the simulated phone.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore, openDevice, type Device } from '../../../main/core/device/index.ts';
import { BIG_FILE, SMALL_FILES, generatedBytes, startTestPhone, PROPERTIES } from './support/test-phone.ts';
import { landingTarget, pullAll } from './support/pull-all.ts';

const BIG_SIZE = 100 * 1024 * 1024 + 4321;

function expectedBigHash(size: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += 1024 * 1024) hash.update(generatedBytes(offset, Math.min(1024 * 1024, size - offset)));
  return hash.digest('hex');
}

let folder: string;
let keyStore: KeyStore;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'vitre-direct-'));
  keyStore = new KeyStore({ folder, androidFolder: null });
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('direct connection without auth', () => {
  let phone: Awaited<ReturnType<typeof startTestPhone>>;
  let device: Device;

  beforeAll(async () => {
    phone = await startTestPhone({ bigFileSize: BIG_SIZE });
    device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore });
  });

  afterAll(async () => {
    await device?.close();
    await phone?.close();
  });

  it('knows the model from the handshake', () => {
    expect(device.model).toBe('Pixel 7');
    expect(device.connection).toBe('direct');
    expect(device.serial).toBe(`127.0.0.1:${phone.port}`);
  });

  it('runs a shell command with separate stderr and its exit code', async () => {
    await expect(device.shell('echo out; echo oops >&2; exit 7')).resolves.toEqual({ stdout: 'out\n', stderr: 'oops\n', exitCode: 7 });
  });

  it('stats, lstats and lists like the phone describes its files', async () => {
    const stat = await device.stat('/sdcard/hello.txt');
    expect(stat).toMatchObject({ type: 'file', size: (SMALL_FILES['/sdcard/hello.txt'] as string).length, mtime: 1_700_000_000 });
    expect((await device.lstat('/sdcard/latest')).type).toBe('symlink');
    expect((await device.stat('/sdcard/latest')).type).toBe('file');
    const names = (await device.list('/sdcard')).map((entry) => entry.name).sort();
    expect(names).toEqual(['DCIM', 'Documents', 'Movies', 'hello.txt', 'latest']);
  });

  it('reports a missing file as not-found, and keeps working after', async () => {
    await expect(device.stat('/sdcard/missing.jpg')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(device.list('/sdcard/missing')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(pullAll(device, '/sdcard/missing.jpg')).rejects.toMatchObject({ kind: 'not-found' });
    expect((await device.stat('/sdcard/hello.txt')).type).toBe('file');
  });

  it('pulls small files byte-identical', async () => {
    for (const [path, text] of Object.entries(SMALL_FILES)) {
      const pulled = { bytes: 0 };
      const bytes = await pullAll(device, path, {}, pulled);
      expect(bytes.equals(Buffer.from(text, 'latin1'))).toBe(true);
      expect(pulled.bytes).toBe(bytes.length);
    }
  });

  it('pulls a file over 100 MiB byte-identical, counting bytes as it goes', async () => {
    const hash = createHash('sha256');
    let seen = 0;
    const started = performance.now();
    const pulled = {
      bytes: await device.pullInto(BIG_FILE, {
        take(bytes) {
          hash.update(bytes);
          seen += bytes.length;
          return true;
        },
        ready: () => Promise.resolve(),
      }),
    };
    expect(pulled.bytes).toBe(seen);
    const seconds = (performance.now() - started) / 1000;
    console.log(`direct pull: ${(BIG_SIZE / 1024 / 1024 / seconds).toFixed(0)} MiB/s over ${BIG_SIZE} bytes`);
    expect(seen).toBe(BIG_SIZE);
    expect(hash.digest('hex')).toBe(expectedBigHash(BIG_SIZE));
  });

  it('receives a file straight into the memory the target says it goes to, byte-identical', async () => {
    const { target, counts, pulled } = landingTarget(BIG_SIZE);
    expect(await device.pullInto(BIG_FILE, target)).toBe(BIG_SIZE);
    expect(createHash('sha256').update(pulled()).digest('hex')).toBe(expectedBigHash(BIG_SIZE));
    // Headers are read apart from the file's bytes: nearly all of them land in place, uncopied.
    expect(counts.inPlace).toBeGreaterThan(BIG_SIZE * 0.8);
    expect(counts.inPlace + counts.copied).toBe(BIG_SIZE);
    expect(counts.outstanding).toBe(0); // every landing handed back once its read was used
    // The connection reads into its own buffer again for other streams.
    await expect(device.shell('echo after')).resolves.toMatchObject({ stdout: 'after\n' });
  });

  it('pulls into a slow target, holding the phone back while the target is busy', async () => {
    const hash = createHash('sha256');
    let taken = 0;
    let sinceReady = 0;
    let mostWhileBusy = 0;
    let busy = false;
    const total = await device.pullInto(BIG_FILE, {
      take(bytes) {
        hash.update(bytes); // copied now: the bytes are only valid during the call
        taken += bytes.length;
        sinceReady += bytes.length;
        if (busy) mostWhileBusy = Math.max(mostWhileBusy, sinceReady);
        if (sinceReady < 4 * 1024 * 1024) return true;
        busy = true;
        return false;
      },
      ready: () =>
        new Promise((resolve) =>
          setTimeout(() => {
            busy = false;
            sinceReady = 0;
            resolve();
          }, 5),
        ),
    });
    expect(total).toBe(BIG_SIZE);
    expect(taken).toBe(BIG_SIZE);
    expect(hash.digest('hex')).toBe(expectedBigHash(BIG_SIZE));
    // Once the target says it is full, only the packet under way and what was already read arrive.
    expect(mostWhileBusy).toBeLessThan(4 * 1024 * 1024 + 2 * 1024 * 1024 + 64 * 1024);
  });

  it('stays usable after a pull into a target is abandoned midway (packets still in flight are dropped)', async () => {
    let taken = 0;
    const refused = new Error('the backup folder is full');
    const pull = device.pullInto(BIG_FILE, {
      take(bytes) {
        taken += bytes.length;
        if (taken > 5 * 1024 * 1024) throw refused;
        return true;
      },
      ready: () => Promise.resolve(),
    });
    await expect(pull).rejects.toBe(refused);
    await expect(device.stat('/sdcard/hello.txt')).resolves.toMatchObject({ type: 'file' });
    const again = await pullAll(device, BIG_FILE);
    expect(createHash('sha256').update(again).digest('hex')).toBe(expectedBigHash(BIG_SIZE));
  });

  it('pushes a file with mode and mtime, and pulls it back identical', async () => {
    const content = Buffer.alloc(300_000, 0);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) & 0xff;
    await device.push('/sdcard/Download/backup-test.bin', content, { mode: 0o600, mtime: 1_600_000_123 });
    const stat = await device.stat('/sdcard/Download/backup-test.bin');
    expect(stat).toMatchObject({ type: 'file', size: content.length, mtime: 1_600_000_123, permissions: 0o600 });
    const back = await pullAll(device, '/sdcard/Download/backup-test.bin');
    expect(back.equals(content)).toBe(true);
  });

  it('pushes from a stream', async () => {
    async function* parts() {
      yield Buffer.from('part one, ');
      yield Buffer.from('part two');
    }
    await device.push('/sdcard/Download/streamed.txt', parts(), { mtime: 1_650_000_000 });
    expect((await pullAll(device, '/sdcard/Download/streamed.txt')).toString()).toBe('part one, part two');
  });

  it('reads device facts', async () => {
    const facts = await device.facts();
    expect(facts).toEqual({
      serial: PROPERTIES['ro.serialno'],
      model: 'Pixel 7',
      manufacturer: 'Google',
      androidVersion: '14',
      sdk: 34,
      storage: { mountPoint: '/data', totalBytes: 115071676 * 1024, usedBytes: 40353572 * 1024, freeBytes: 74587032 * 1024 },
      battery: { levelPercent: 85, charging: true, pluggedIn: true },
    });
  });

  it('ends a command that takes too long with a timeout, and the connection stays usable', async () => {
    const started = Date.now();
    await expect(device.shell('sleep 10', { timeoutMs: 400 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(device.shell('echo still here')).resolves.toMatchObject({ stdout: 'still here\n' });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(device.shell('sleep 10', { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    await expect(pullAll(device, BIG_FILE, { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    await expect(device.stat('/sdcard/hello.txt')).resolves.toMatchObject({ type: 'file' });
  });
});

describe('direct connection to an older phone without shell_v2', () => {
  it('runs commands through the raw shell (no exit code, stderr mixed in)', async () => {
    const phone = await startTestPhone({ features: ['cmd', 'stat_v2', 'ls_v2'] });
    const device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore });
    try {
      const result = await device.shell('echo hello');
      expect(result).toEqual({ stdout: 'hello\n', stderr: '', exitCode: null });
    } finally {
      await device.close();
      await phone.close();
    }
  });
});

describe('direct connection with RSA auth', () => {
  it('creates its key on first use: PKCS#8 PEM, mode 0600, with adbkey.pub', () => {
    keyStore.ensureKey();
    expect(statSync(keyStore.keyPath).mode & 0o777).toBe(0o600);
    expect(keyStore.publicKeys()[0]).toMatch(/^[A-Za-z0-9+/]+=* \S+@\S+$/);
  });

  it('is online when the phone trusts Vitre\'s key', async () => {
    const phone = await startTestPhone({ auth: 'rsa', trustedKeys: [keyStore.publicKeys()[0] as string] });
    try {
      const device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore });
      await expect(device.shell('echo trusted')).resolves.toMatchObject({ stdout: 'trusted\n', exitCode: 0 });
      await device.close();
    } finally {
      await phone.close();
    }
  });

  it('fails with a typed unauthorized error when the phone does not trust it', async () => {
    const other = new KeyStore({ folder: join(folder, 'other'), androidFolder: null });
    const phone = await startTestPhone({ auth: 'rsa', trustedKeys: [other.publicKeys()[0] as string] });
    try {
      const started = Date.now();
      const failure = openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore, handshakeTimeoutMs: 2_000 });
      await expect(failure).rejects.toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/Allow/) });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await phone.close();
    }
  });

  it('reuses adb\'s own key, so a phone that trusts this computer\'s adb trusts Vitre', async () => {
    const adbKeys = new KeyStore({ folder: join(folder, 'android'), androidFolder: null });
    adbKeys.ensureKey();
    const vitre = new KeyStore({ folder: join(folder, 'fresh'), androidFolder: join(folder, 'android') });
    const phone = await startTestPhone({ auth: 'rsa', trustedKeys: [adbKeys.publicKeys()[0] as string] });
    try {
      const device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore: vitre, handshakeTimeoutMs: 5_000 });
      await expect(device.shell('echo via adb key')).resolves.toMatchObject({ exitCode: 0 });
      await device.close();
    } finally {
      await phone.close();
    }
  });
});

describe('unreachable phones', () => {
  it('reports a closed port as unreachable', async () => {
    const phone = await startTestPhone();
    const port = phone.port;
    await phone.close();
    await expect(openDevice(`tcp:127.0.0.1:${port}`, { keyStore })).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
