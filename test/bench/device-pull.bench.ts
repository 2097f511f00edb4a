// `node test/bench/device-pull.bench.ts [SIZE_MIB] [count]`: the device layer alone. One file (1 GiB by
// default) pulled from the simulated phone (its own process) three ways, in the same run:
// Google's `adb pull`, Vitre's `Device.pullInto` straight to the phone's adbd, and `Device.pullInto`
// through the adb server. Vitre's side hashes (sha256) and writes to a file, as a backup does;
// everything lands in /dev/shm when it exists, so the disk is not what is measured.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, writeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDevice, AdbServer as VitreAdbServer, KeyStore } from '../../main/core/device/index.ts';
import { AdbServer } from '../core/demo-phone/daemon/adb-harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'main/cli/main.ts');
const MIB = 1024 * 1024;
const sizeMib = Number(process.argv[2] ?? 1024);
// `count`: only count the bytes, to see the device layer alone; default: hash and write, as a backup.
const consume = process.argv[3] ?? 'hash-write';
const REMOTE = '/sdcard/Movies/bench.bin';
const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'vitre-device-pull-'));
const adb = new AdbServer();

async function startPhone(): Promise<{ child: ChildProcess; port: number }> {
  const port = 20000 + Math.floor(Math.random() * 40000);
  const args = [MAIN, 'demo-phone', '--port', String(port), '--photos', '0', '--videos', '0', '--file', `${REMOTE}:${sizeMib}M`];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/listening|port/i.test(chunk.toString())) resolve();
    });
    child.on('exit', (code) => reject(new Error(`demo-phone exited ${code}`)));
  });
  return { child, port };
}

function adbPull(serial: string, local: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('adb', ['-P', String(adb.port), '-s', serial, 'pull', REMOTE, local], { env: { ...process.env, HOME: adb.home, ADB_VENDOR_KEYS: '' } }, (error) =>
      error ? reject(error) : resolve((performance.now() - started) / 1000),
    );
  });
}

async function vitrePull(target: string, local: string): Promise<number> {
  const device = await openDevice(target, {
    adbServer: new VitreAdbServer({ port: adb.port, env: { ...process.env, HOME: adb.home, ADB_VENDOR_KEYS: '' } }),
    keyStore: new KeyStore({ folder: join(work, 'keys'), androidFolder: null }),
  });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const hash = createHash('sha256');
    const fd = openSync(local, 'w');
    await device.pullInto(REMOTE, {
      take(bytes) {
        if (consume === 'count') return true;
        hash.update(bytes);
        writeSync(fd, bytes);
        return true;
      },
      ready: () => Promise.resolve(),
    });
    closeSync(fd);
    hash.digest();
    const used = process.cpuUsage(cpu);
    console.log(`  (Vitre process CPU: ${((used.user + used.system) / 1e6).toFixed(2)} s)`);
    return (performance.now() - started) / 1000;
  } finally {
    await device.close();
  }
}

try {
  await adb.start();
  const phone = await startPhone();
  const serial = `127.0.0.1:${phone.port}`;
  await adb.connect(serial);
  await adb.waitForState(serial, 'device');
  try {
    const local = join(work, 'pulled');
    const runs: Array<[string, () => Promise<number>]> = [
      ['adb pull', () => adbPull(serial, local)],
      ['Vitre, direct TCP', () => vitrePull(`tcp:${serial}`, local)],
      ['Vitre, through adb server', () => vitrePull(serial, local)],
    ];
    const seconds = new Map<string, number>();
    for (const [label, run] of runs) {
      const s = await run();
      if (consume !== 'count' && statSync(local).size !== sizeMib * MIB) throw new Error(`${label}: wrong size ${statSync(local).size}`);
      rmSync(local);
      seconds.set(label, s);
      console.log(`${label.padEnd(27)} ${s.toFixed(2)} s  ${(sizeMib / s).toFixed(0)} MiB/s`);
    }
    const base = seconds.get('adb pull')!;
    console.log(
      `ratio Vitre/adb-pull throughput: ${(base / seconds.get('Vitre, direct TCP')!).toFixed(2)} direct, ${(base / seconds.get('Vitre, through adb server')!).toFixed(2)} through the adb server`,
    );
  } finally {
    await adb.run(['disconnect', serial]);
    phone.child.kill();
  }
} finally {
  await adb.stop();
  rmSync(work, { recursive: true, force: true });
}
