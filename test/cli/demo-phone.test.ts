// `vitre demo-phone` end to end: the command starts a phone Google's adb can use, says where,
// and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/exit-codes.ts';
import { AdbServer } from '../core/demo-phone/daemon/adb-harness.ts';

const MAIN = join(import.meta.dirname, '../../main/cli/main.ts');
const SMALL = ['--photos', '2', '--videos', '0', '--contacts', '2', '--messages', '2', '--calls', '2'];
const adb = new AdbServer();
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  line: string;
}

/** Starts `vitre demo-phone ARGS` and resolves with its first line of output. */
function startCommand(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [MAIN, 'demo-phone', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve({ child, line: output.split('\n')[0]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vitre demo-phone exited (${code}) before saying anything: ${output}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

beforeAll(() => adb.start());

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await adb.stop();
});

describe('vitre demo-phone', () => {
  it('serves a phone adb can use, and stops on SIGTERM', async () => {
    const { child, line } = await startCommand(['--port', '0', ...SMALL]);
    const match = /^Simulated phone "(.+)" listening on (127\.0\.0\.1:\d+) \(serial \2\)\. Connect with: vitre connect \2$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, model, address] = match!;
    await adb.connect(address!);
    await adb.waitForState(address!, 'device');
    expect((await adb.run(['-s', address!, 'shell', 'getprop ro.product.model'])).stdout.trim()).toBe(model);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(EXIT.ok);
  });

  it('says so when the port is taken', async () => {
    const first = await startCommand(['--port', '0', ...SMALL]);
    const port = /:(\d+) /.exec(first.line)![1]!;
    const second = await startCommand(['--port', port, ...SMALL]);
    expect(second.line).toMatch(/Port \d+ on 127\.0\.0\.1 is already in use/);
    expect(await exitCode(second.child)).toBe(EXIT.usage);
    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(EXIT.ok);
  });
});
