// `node test/bench/slow-link.bench.ts [--delay=MS] [--rounds=N]`: a phone across a Wi-Fi-like link.
// The simulated phone (its own process) answers through a proxy that holds every chunk MS ms in
// each direction (2 by default: a 4 ms round trip); through it, in the same run and rounds:
// Google's `adb pull` of one 256 MiB video (through its adb server, the way it always goes),
// Vitre's backup of the same video straight to the phone, and Vitre's backup through the adb
// server. ADB lets a phone send one packet per acknowledgement, so a round trip per packet is
// what a far phone costs; Vitre acknowledges each packet as it begins (sync-lanes.ts).
// No target: the figures show what the link costs each side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbServer } from '../core/demo-phone/daemon/adb-harness.ts';
import { startDelayProxy } from '../support/servers/delay-proxy.ts';
import { builtVitre, median, startBenchPhone, timedRun } from './support/bench-phone.ts';

const MAIN = builtVitre();
const REMOTE = '/sdcard/Movies/far.mp4';
const SIZE_MIB = 256;
const option = (name: string, fallback: number) => Number(/=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith(`--${name}=`)) ?? '')?.[1] ?? fallback);
const DELAY_MS = option('delay', 2);
const ROUNDS = option('rounds', 3);
const work = mkdtempSync(join(tmpdir(), 'vitre-slow-link-'));
const adb = new AdbServer();
const env = { ...process.env, HOME: adb.home, ANDROID_ADB_SERVER_PORT: String(adb.port), ADB_VENDOR_KEYS: '', VITRE_HOME: join(work, 'home') };
const timed = async (command: string, args: string[]) => (await timedRun(command, args, env)).seconds;

const phone = await startBenchPhone(MAIN, ['--photos', '0', '--videos', '0', '--file', `${REMOTE}:${SIZE_MIB}M`]);
const proxy = await startDelayProxy(phone.port, DELAY_MS);
const serial = `127.0.0.1:${proxy.port}`;
try {
  await adb.start();
  await adb.connect(serial);
  await adb.waitForState(serial, 'device');
  const backup = (target: string) => timed(process.execPath, [MAIN, 'backup', target, '--to', join(work, 'backup'), '--categories', 'videos', '--json']);
  const ratios = { direct: [] as number[], server: [] as number[] };
  console.log(`one ${SIZE_MIB} MiB video from a phone ${DELAY_MS} ms away each way, ${ROUNDS} rounds`);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const pulled = await timed('adb', ['-s', serial, 'pull', REMOTE, join(work, 'pulled.mp4')]);
    rmSync(join(work, 'pulled.mp4'), { force: true });
    const direct = await backup(`tcp:${serial}`);
    rmSync(join(work, 'backup'), { recursive: true, force: true });
    const viaServer = await backup(serial);
    rmSync(join(work, 'backup'), { recursive: true, force: true });
    const rate = (seconds: number) => `${(SIZE_MIB / seconds).toFixed(0)} MiB/s`;
    console.log(`  round ${round}: adb pull ${pulled.toFixed(2)} s (${rate(pulled)}), Vitre direct ${direct.toFixed(2)} s (${rate(direct)}), Vitre through the adb server ${viaServer.toFixed(2)} s (${rate(viaServer)})`);
    ratios.direct.push(pulled / direct);
    ratios.server.push(pulled / viaServer);
  }
  const shown = (values: number[]) => `${median(values).toFixed(2)} (${values.map((v) => v.toFixed(2)).join(', ')})`;
  console.log(`  ratio Vitre/adb-pull throughput, median: ${shown(ratios.direct)} direct, ${shown(ratios.server)} through the adb server`);
} finally {
  await adb.run(['disconnect', serial]).catch(() => undefined);
  await adb.stop();
  await proxy.close();
  phone.child.kill();
  rmSync(work, { recursive: true, force: true });
}
