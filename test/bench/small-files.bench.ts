// `node test/bench/small-files.bench.ts [--files=N] [--rounds=N]`: many small files, the case where
// per-file costs show. The simulated phone (its own process) holds N small documents (300 by
// default) in deep folders; in the same run and rounds: Google's `adb pull` of the folder, Vitre's
// backup of them straight to the phone, through the adb server (as a USB phone is reached), and
// through the adb server one file at a time, where every wait between files adds up.
// No target: the figures show per-file cost on each side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbServer } from '../core/demo-phone/daemon/adb-harness.ts';
import { builtVitre, median, startBenchPhone, timedRun } from './support/bench-phone.ts';

const MAIN = builtVitre();
const option = (name: string, fallback: number) => Number(/=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith(`--${name}=`)) ?? '')?.[1] ?? fallback);
const FILES = option('files', 300);
const ROUNDS = option('rounds', 3);
const REMOTE = '/sdcard/Documents';
const work = mkdtempSync(join(tmpdir(), 'vitre-small-files-'));
const adb = new AdbServer();
const env = { ...process.env, HOME: adb.home, ANDROID_ADB_SERVER_PORT: String(adb.port), ADB_VENDOR_KEYS: '', VITRE_HOME: join(work, 'home') };

const phone = await startBenchPhone(MAIN, ['--photos', '0', '--videos', '0', '--files', String(FILES)]);
const serial = `127.0.0.1:${phone.port}`;
try {
  await adb.start();
  await adb.connect(serial);
  await adb.waitForState(serial, 'device');
  const backup = async (target: string, extra: string[] = []) => {
    const run = await timedRun(process.execPath, [MAIN, 'backup', target, '--to', join(work, 'backup'), '--categories', 'documents', '--json', ...extra], env);
    rmSync(join(work, 'backup'), { recursive: true, force: true });
    return { seconds: run.seconds, files: (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { filesTransferred: number }).filesTransferred };
  };
  const ratios = { direct: [] as number[], server: [] as number[], serverOne: [] as number[] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const pulled = (await timedRun('adb', ['-s', serial, 'pull', REMOTE, join(work, 'pulled')], env)).seconds;
    rmSync(join(work, 'pulled'), { recursive: true, force: true });
    const direct = await backup(`tcp:${serial}`);
    const viaServer = await backup(serial);
    const oneAtATime = await backup(serial, ['--concurrency', '1']);
    if (round === 1) console.log(`${direct.files} small files (adb pull takes the whole ${REMOTE} folder, the same files), ${ROUNDS} rounds`);
    const each = (run: { seconds: number }) => `${run.seconds.toFixed(2)} s (${((run.seconds / direct.files) * 1000).toFixed(1)} ms a file)`;
    console.log(`  round ${round}: adb pull ${each({ seconds: pulled })}, Vitre direct ${each(direct)}, through the adb server ${each(viaServer)}, through it one at a time ${each(oneAtATime)}`);
    ratios.direct.push(pulled / direct.seconds);
    ratios.server.push(pulled / viaServer.seconds);
    ratios.serverOne.push(pulled / oneAtATime.seconds);
  }
  const shown = (values: number[]) => `${median(values).toFixed(2)} (${values.map((v) => v.toFixed(2)).join(', ')})`;
  console.log(`  ratio Vitre/adb-pull throughput, median: ${shown(ratios.direct)} direct, ${shown(ratios.server)} through the adb server, ${shown(ratios.serverOne)} through it one file at a time`);
} finally {
  await adb.run(['disconnect', serial]).catch(() => undefined);
  await adb.stop();
  phone.child.kill();
  rmSync(work, { recursive: true, force: true });
}
