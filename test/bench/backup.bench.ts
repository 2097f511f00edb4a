// `node test/bench/backup.bench.ts`: Vitre's backup against Google's `adb pull` on the same
// simulated phone, in the same run. The phone runs in its own process (`vitre demo-phone`), and
// so do Vitre (`vitre backup`) and adb, so no one shares an event loop with the phone.
//   (a) 2,000 photos of 1–6 MB: Vitre (direct TCP, and through the adb server) vs adb pull
//   (b) one 2 GiB video: the same
//   (c) a 50,000-file phone backed up, then backed up again with nothing changed: time ratio and
//       file bytes pulled by the rerun
//   (d) peak RSS of Vitre in (b) and (c)
// Each round of (a) and (b) also times the disk alone (the same bytes written straight to disk),
// the floor for any backup that makes its files durable before it records them.
// Targets: (a) ≥ 1.0, (b) ≥ 0.9, (c) < 10 % with zero bytes, (d) < 300 MB. (a) and (b) run in
// rounds (`--rounds=N`, 3 by default) and are judged on the median ratio.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbServer } from '../core/demo-phone/daemon/adb-harness.ts';
import { builtVitre, median, startBenchPhone, type BenchPhone } from './support/bench-phone.ts';

// Vitre runs as installed: the built command (compiled here first), not the TypeScript source,
// whose start-up compiles every module on the fly (~0.2 s more per run, measured).
const MAIN = builtVitre();
const work = mkdtempSync(join(tmpdir(), 'vitre-backup-bench-'));
const adb = new AdbServer();
const MB = 1e6;
// Vitre runs with the Node flags its launcher line declares (`#!/usr/bin/env -S node FLAGS`), as the
// installed `vitre` command does; the bench starts it the same way.
const LAUNCHER_FLAGS = (/^#!.*?\bnode\b(.*)$/m.exec(readFileSync(MAIN, 'utf8').split('\n')[0] ?? '')?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

interface Timed {
  seconds: number;
  peakRssMb: number;
  /** CPU seconds (user + system, all threads) of the process, from its last sample. */
  cpuSeconds: number;
  stdout: string;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds a process has used so far (user + system, all threads), or undefined once it is gone. */
function cpuOf(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs a process to the end; samples its peak RSS (VmHWM) while it runs. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peak = 0;
    let cpu = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const sample = () => {
      try {
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (kb) peak = Math.max(peak, Number(kb) / 1024);
        cpu = cpuOf(child.pid) ?? cpu;
      } catch {
        // The process has just exited: its last sample stands.
      }
    };
    const sampler = setInterval(sample, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout.slice(-2000)}`));
      else resolve({ seconds, peakRssMb: peak, cpuSeconds: cpu, stdout });
    });
  });
}

async function startPhone(args: string[]): Promise<BenchPhone> {
  const phone = await startBenchPhone(MAIN, args);
  await adb.connect(`127.0.0.1:${phone.port}`);
  await adb.waitForState(`127.0.0.1:${phone.port}`, 'device');
  return phone;
}

async function stopPhone(phone: BenchPhone): Promise<void> {
  await adb.run(['disconnect', `127.0.0.1:${phone.port}`]);
  phone.child.kill();
}

function finished(stdout: string): { bytesTransferred: number; filesTransferred: number; entries: number } {
  const last = stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as { bytesTransferred: number; filesTransferred: number; entries: number };
}

const adbEnv = { HOME: adb.home, ANDROID_ADB_SERVER_PORT: String(adb.port), ADB_VENDOR_KEYS: '', VITRE_HOME: join(work, 'home') };

async function vitreBackup(target: string, folder: string, categories: string, nodeFlags: string[] = LAUNCHER_FLAGS): Promise<Timed> {
  return timed(process.execPath, [...nodeFlags, MAIN, 'backup', target, '--to', folder, '--categories', categories, '--json'], adbEnv);
}

async function adbPull(port: number, remote: string, local: string): Promise<Timed> {
  return timed('adb', ['-P', String(adb.port), '-s', `127.0.0.1:${port}`, 'pull', remote, local], adbEnv);
}

/**
 * `adb pull` leaves its bytes in the page cache; Vitre records a file only once it is on disk.
 * This peer does what adb pull does and then makes it as durable (coreutils `sync FILE…`
 * fsyncs each file, then the folder), so the disk's own speed is seen in the same run.
 */
async function adbPullDurable(port: number, remote: string, local: string): Promise<Timed> {
  const pulled = await adbPull(port, remote, local);
  const files = statSync(local).isDirectory() ? readdirSync(local, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : [local];
  const synced = await timed('sync', ['--', ...files, statSync(local).isDirectory() ? local : join(local, '..')]);
  return { ...pulled, seconds: pulled.seconds + synced.seconds, cpuSeconds: pulled.cpuSeconds + synced.cpuSeconds };
}

/**
 * The disk alone: the same number of bytes written from memory straight to disk and flushed
 * (`dd oflag=direct conv=fsync`), no phone, no hashing. No backup that keeps its promise (each
 * file on disk before it is recorded) can finish sooner, so adb pull's time ÷ this one is the
 * highest ratio this disk allows in the round.
 */
async function diskAlone(bytes: number, file: string): Promise<Timed> {
  const blocks = Math.ceil(bytes / (4 * 1024 * 1024));
  const written = await timed('dd', ['if=/dev/zero', `of=${file}`, 'bs=4M', `count=${blocks}`, 'oflag=direct', 'conv=fsync', 'status=none']);
  rmSync(file, { force: true });
  return written;
}

/**
 * (a) and (b): the same files through adb pull (plain, and made durable), Vitre direct, and Vitre
 * through the adb server, in ROUNDS rounds; the verdict is on the median ratio, since one run on
 * this shared machine can be twice as fast as the next.
 */
async function throughput(label: string, phoneArgs: string[], remote: string, categories: string, target: number): Promise<Timed> {
  const phone = await startPhone(phoneArgs);
  // The phone's CPU during each run: it shares the two cores with whoever pulls.
  const withPhoneCpu = async (run: () => Promise<Timed>) => {
    const before = cpuOf(phone.child.pid) ?? 0;
    const result = await run();
    return { ...result, phoneCpu: (cpuOf(phone.child.pid) ?? 0) - before };
  };
  const ratios = { direct: [] as number[], server: [] as number[], durableDirect: [] as number[], durableServer: [] as number[], ceiling: [] as number[] };
  let peak: Timed | undefined;
  try {
    // One pull first, not timed: whoever runs first otherwise also pays for the kernel freeing
    // page cache that earlier runs filled (measured: adb pull of the photos 19.2 s first, 12.9 s
    // with an fsync after, right behind it).
    await adbPull(phone.port, remote, join(work, 'adb-pull'));
    rmSync(join(work, 'adb-pull'), { recursive: true, force: true });
    for (let round = 1; round <= ROUNDS; round += 1) {
      const pulled = await withPhoneCpu(() => adbPull(phone.port, remote, join(work, 'adb-pull')));
      rmSync(join(work, 'adb-pull'), { recursive: true, force: true });
      const durable = await withPhoneCpu(() => adbPullDurable(phone.port, remote, join(work, 'adb-pull')));
      rmSync(join(work, 'adb-pull'), { recursive: true, force: true });
      const direct = await withPhoneCpu(() => vitreBackup(`tcp:127.0.0.1:${phone.port}`, join(work, 'direct'), categories));
      const bytes = finished(direct.stdout).bytesTransferred;
      rmSync(join(work, 'direct'), { recursive: true, force: true });
      const viaServer = await withPhoneCpu(() => vitreBackup(`127.0.0.1:${phone.port}`, join(work, 'server'), categories));
      rmSync(join(work, 'server'), { recursive: true, force: true });
      const disk = await diskAlone(bytes, join(work, 'disk-alone'));
      const rate = (t: Timed) => `${(bytes / MB / t.seconds).toFixed(0)} MB/s`;
      const cpu = (t: Timed & { phoneCpu: number }) => `CPU ${t.cpuSeconds.toFixed(1)} s (phone ${t.phoneCpu.toFixed(1)} s)`;
      if (round === 1) console.log(`${label}: ${(bytes / MB).toFixed(0)} MB, ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}`);
      console.log(`  round ${round}`);
      console.log(`    adb pull:                  ${pulled.seconds.toFixed(2)} s  ${rate(pulled)}  ${cpu(pulled)}`);
      console.log(`    adb pull, then fsync:      ${durable.seconds.toFixed(2)} s  ${rate(durable)}  ${cpu(durable)}`);
      console.log(`    Vitre, direct TCP:         ${direct.seconds.toFixed(2)} s  ${rate(direct)}  ${cpu(direct)}  peak RSS ${direct.peakRssMb.toFixed(0)} MB`);
      console.log(`    Vitre, through adb server: ${viaServer.seconds.toFixed(2)} s  ${rate(viaServer)}  ${cpu(viaServer)}  peak RSS ${viaServer.peakRssMb.toFixed(0)} MB`);
      console.log(`    the disk alone (dd, direct): ${disk.seconds.toFixed(2)} s  ${rate(disk)}`);
      ratios.direct.push(pulled.seconds / direct.seconds);
      ratios.server.push(pulled.seconds / viaServer.seconds);
      ratios.durableDirect.push(durable.seconds / direct.seconds);
      ratios.durableServer.push(durable.seconds / viaServer.seconds);
      ratios.ceiling.push(pulled.seconds / disk.seconds);
      for (const run of [direct, viaServer]) if (!peak || run.peakRssMb > peak.peakRssMb) peak = run;
    }
    const shown = (values: number[]) => `${median(values).toFixed(2)}${values.length > 1 ? ` (${values.map((v) => v.toFixed(2)).join(', ')})` : ''}`;
    console.log(`  ratio Vitre/adb-pull throughput, median: ${shown(ratios.direct)} direct, ${shown(ratios.server)} through the adb server (target ≥ ${target})`);
    console.log(`  ratio Vitre/(adb pull + fsync), the same durability, median: ${shown(ratios.durableDirect)} direct, ${shown(ratios.durableServer)} through the adb server`);
    console.log(`  highest ratio the disk allows (adb pull ÷ the disk alone), median: ${shown(ratios.ceiling)}`);
    if (median(ratios.direct) < target) process.exitCode = 1;
    return peak as Timed;
  } finally {
    await stopPhone(phone);
  }
}

async function rerun(): Promise<Timed> {
  const phone = await startPhone(['--photos', '0', '--videos', '0', '--files', '50000']);
  const folder = join(work, 'many');
  try {
    const first = await vitreBackup(`tcp:127.0.0.1:${phone.port}`, folder, 'documents');
    const second = await vitreBackup(`tcp:127.0.0.1:${phone.port}`, folder, 'documents');
    const firstDone = finished(first.stdout);
    const secondDone = finished(second.stdout);
    const share = second.seconds / first.seconds;
    console.log(`(c) 50,000-file phone: first backup ${first.seconds.toFixed(1)} s (${firstDone.filesTransferred} files, ${(firstDone.bytesTransferred / MB).toFixed(0)} MB), peak RSS ${first.peakRssMb.toFixed(0)} MB`);
    console.log(`    rerun, nothing changed: ${second.seconds.toFixed(2)} s = ${(share * 100).toFixed(1)} % of the first (target < 10 %), file bytes pulled ${secondDone.bytesTransferred} (target 0), peak RSS ${second.peakRssMb.toFixed(0)} MB`);
    if (share >= 0.1 || secondDone.bytesTransferred !== 0) process.exitCode = 1;
    // Much of the peak is V8's heap growth, which Node sizes from the machine's memory; the
    // launcher's flags bound it. Shown here without them, for comparison.
    const plain = await vitreBackup(`tcp:127.0.0.1:${phone.port}`, folder, 'documents', []);
    console.log(`    launcher flags: ${LAUNCHER_FLAGS.join(' ') || 'none'}`);
    console.log(`    rerun again with plain node: ${plain.seconds.toFixed(2)} s, peak RSS ${plain.peakRssMb.toFixed(0)} MB`);
    return { ...second, peakRssMb: Math.max(first.peakRssMb, second.peakRssMb) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await stopPhone(phone);
  }
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
/** Rounds of (a) and (b): `--rounds=N`, 3 by default. */
const ROUNDS = Number(/^--rounds=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--rounds=')) ?? '')?.[1] ?? 3);
const wanted = (name: string) => only.length === 0 || only.includes(name);
try {
  await adb.start();
  if (wanted('a')) await throughput('(a) 2,000 photos of 1–6 MB', ['--photos', '2000', '--videos', '0'], '/sdcard/DCIM/Camera', 'photos', 1.0);
  const video = wanted('b') ? await throughput('(b) one 2 GiB video', ['--photos', '0', '--videos', '0', '--file', '/sdcard/Movies/big.mp4:2G'], '/sdcard/Movies/big.mp4', 'videos', 0.9) : undefined;
  const many = wanted('c') ? await rerun() : undefined;
  const peaks = [video, many].filter((t): t is Timed => t !== undefined).map((t) => t.peakRssMb);
  if (peaks.length > 0) {
    console.log(`(d) peak RSS of Vitre: ${video ? `${video.peakRssMb.toFixed(0)} MB in (b)` : ''}${video && many ? ', ' : ''}${many ? `${many.peakRssMb.toFixed(0)} MB in (c)` : ''} (target < 300 MB)`);
    if (peaks.some((p) => p >= 300)) process.exitCode = 1;
  }
} finally {
  await adb.stop();
  rmSync(work, { recursive: true, force: true });
}
