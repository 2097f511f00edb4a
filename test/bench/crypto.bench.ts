// `node test/bench/crypto.bench.ts`: age-format encryption throughput on 1 GiB, streamed.
// Compares the payload cipher Vitre uses (sodium-native, loads in Electron) with `node:crypto`'s
// chacha20-poly1305 (plain Node only: Electron's BoringSSL lacks it) and with the stock `age` CLI
// on the same bytes, and checks that memory stays flat whatever the stream's length. Every
// measurement runs in its own process, so its peak RSS and CPU time are its own. Both wall-clock
// and CPU throughput are printed: on a shared 2-core machine the wall clock also measures the
// neighbours, while MiB per CPU-second measures the code.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { decrypt, encrypt } from '../../main/core/crypto/age-file.ts';
import type { ChunkCipher } from '../../main/core/crypto/chunk-cipher.ts';
import { formatIdentityFile, formatRecipient, generateIdentity, parseIdentityFile, recipientOf } from '../../main/core/crypto/keys.ts';
import { nodeCipher } from '../../main/core/crypto/node-cipher.ts';
import { sodiumCipher } from '../../main/core/crypto/sodium-cipher.ts';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const FOLDER = '/dev/shm';
const PLAIN_FILE = `${FOLDER}/vitre-crypto-bench.bin`;
const SEALED_FILE = `${FOLDER}/vitre-crypto-bench.age`;
const IDENTITY_FILE = `${FOLDER}/vitre-crypto-bench-identity.txt`;
/** The measurement of the age format with sodium-native. */
const EXPECTED_MIB_S = 500;
/** The bound: peak RSS under 300 MB while a 4 GiB file streams through. */
const RSS_LIMIT_MB = 300;

interface Result {
  readonly wallMiBs: number;
  readonly cpuMiBs: number;
  readonly peakRssMiB: number;
}

const CIPHERS: Record<string, ChunkCipher> = { sodium: sodiumCipher, node: nodeCipher };
const CASES = {
  'encrypt': 'encrypt, generated stream → discard',
  'encrypt-decrypt': 'encrypt then decrypt, chained streams',
  'file-encrypt': 'encrypt, file (tmpfs) → /dev/null',
  'file-decrypt': 'decrypt age CLI output, file → /dev/null',
} as const;
type CaseName = keyof typeof CASES;

/** One measurement, inside a child process: `child CASE CIPHER BYTES`. */
async function measureHere(name: CaseName, cipherName: string, bytes: number): Promise<Result> {
  const options = { cipher: CIPHERS[cipherName]! };
  const [identity] = parseIdentityFile(readFileSync(IDENTITY_FILE, 'utf8'));
  const recipients = [recipientOf(identity!)];
  const startedCpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let counted = 0;
  const discard = new Writable({
    write(piece: Uint8Array, _encoding, done) {
      counted += piece.length;
      done();
    },
  });
  if (name === 'encrypt') {
    await pipeline(generated(bytes), (source) => encrypt(source, recipients, options), discard);
  } else if (name === 'encrypt-decrypt') {
    const sealed = (source: AsyncIterable<Uint8Array>) => encrypt(source, recipients, options);
    await pipeline(generated(bytes), sealed, (source) => decrypt(source, [identity!], options), discard);
    if (counted !== bytes) throw new Error(`the round trip gave ${counted} bytes, not ${bytes}`);
  } else if (name === 'file-encrypt') {
    const file = createReadStream(PLAIN_FILE, { highWaterMark: MIB });
    await pipeline(file, (source) => encrypt(source, recipients, options), createWriteStream('/dev/null'));
  } else {
    const file = createReadStream(SEALED_FILE, { highWaterMark: MIB });
    await pipeline(file, (source) => decrypt(source, [identity!], options), createWriteStream('/dev/null'));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mib = bytes / MIB;
  return { wallMiBs: mib / seconds, cpuMiBs: mib / cpuSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** The same 1 MiB of random bytes over and over: generated as fast as memory is read. */
async function* generated(bytes: number): AsyncGenerator<Uint8Array> {
  const block = randomBytes(MIB);
  for (let sent = 0; sent < bytes; sent += MIB) yield block.subarray(0, Math.min(MIB, bytes - sent));
}

function inChild(name: CaseName, cipher: string, bytes: number): Result {
  const args = [fileURLToPath(import.meta.url), 'child', name, cipher, String(bytes)];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`${name} (${cipher}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Result;
}

/** Runs the age CLI with its output to /dev/null; bash's `time` gives its CPU seconds. */
async function ageCli(args: readonly string[], bytes: number): Promise<Result> {
  const command = `TIMEFORMAT='%U %S'; time (age ${args.join(' ')} > /dev/null)`;
  const started = process.hrtime.bigint();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (piece: Buffer) => (text += piece.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`age ${args.join(' ')}: ${text}`))));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, system] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMiBs: bytes / MIB / seconds, cpuMiBs: bytes / MIB / (user! + system!), peakRssMiB: Number.NaN };
}

function prepareFiles(): string {
  const identity = generateIdentity();
  writeFileSync(IDENTITY_FILE, formatIdentityFile(identity));
  const block = randomBytes(MIB);
  const fd = openSync(PLAIN_FILE, 'w');
  for (let written = 0; written < GIB; written += MIB) writeSync(fd, block);
  closeSync(fd);
  const recipient = formatRecipient(recipientOf(identity));
  const sealed = spawnSync('age', ['-r', recipient, '-o', SEALED_FILE, PLAIN_FILE], { encoding: 'utf8' });
  if (sealed.status !== 0) throw new Error(`age could not prepare the encrypted file: ${sealed.stderr}`);
  return recipient;
}

function print(label: string, result: Result, reference?: Result): void {
  const ratio = reference === undefined ? '' : `  = ${(result.cpuMiBs / reference.cpuMiBs).toFixed(2)}× sodium-native per CPU-s`;
  const rss = Number.isNaN(result.peakRssMiB) ? '' : `, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`;
  const speed = `${result.wallMiBs.toFixed(0).padStart(5)} MiB/s wall, ${result.cpuMiBs.toFixed(0).padStart(5)} MiB/CPU-s`;
  console.log(`${label.padEnd(56)} ${speed}${rss}${ratio}`);
}

async function main(): Promise<void> {
  const recipient = prepareFiles();
  try {
    const results = new Map<string, Result>();
    for (const name of Object.keys(CASES) as CaseName[]) {
      for (const cipher of ['sodium', 'node']) results.set(`${name}:${cipher}`, inChild(name, cipher, GIB));
    }
    const ageEncrypt = await ageCli(['-r', recipient, PLAIN_FILE], GIB);
    const ageDecrypt = await ageCli(['-d', '-i', IDENTITY_FILE, SEALED_FILE], GIB);

    console.log('1 GiB in the age v1 format (throughput in MiB of plaintext):');
    for (const [name, label] of Object.entries(CASES)) {
      const native = results.get(`${name}:sodium`)!;
      print(`sodium-native  ${label}`, native);
      print(`node:crypto    ${label}`, results.get(`${name}:node`)!, native);
    }
    const fileEncrypt = results.get('file-encrypt:sodium')!;
    const fileDecrypt = results.get('file-decrypt:sodium')!;
    print('age CLI        age -r R FILE > /dev/null', ageEncrypt, fileEncrypt);
    print('age CLI        age -d -i ID FILE > /dev/null', ageDecrypt, fileDecrypt);
    const ratio = (a: Result, b: Result): string => `${(a.wallMiBs / b.wallMiBs).toFixed(2)}× wall, ${(a.cpuMiBs / b.cpuMiBs).toFixed(2)}× per CPU-s`;
    console.log(`Vitre vs age CLI, file → /dev/null: encrypt ${ratio(fileEncrypt, ageEncrypt)}; decrypt ${ratio(fileDecrypt, ageDecrypt)}`);
    const streamed = results.get('encrypt:sodium')!;
    console.log(`Generated-stream encryption: ${(streamed.wallMiBs / EXPECTED_MIB_S).toFixed(2)}× the ${EXPECTED_MIB_S} MiB/s measured for the issue (wall)`);

    const rss = [64 * MIB, GIB, 4 * GIB].map((bytes) => inChild('encrypt-decrypt', 'sodium', bytes).peakRssMiB);
    console.log(`Peak RSS, encrypt then decrypt a stream: 64 MiB → ${rss[0]!.toFixed(0)} MiB, 1 GiB → ${rss[1]!.toFixed(0)} MiB, 4 GiB → ${rss[2]!.toFixed(0)} MiB (limit ${RSS_LIMIT_MB} MB)`);
    if (Math.max(...rss) * 1.048576 > RSS_LIMIT_MB) {
      console.log('Memory is not flat: the 4 GiB stream went over the limit');
      process.exitCode = 1;
    }
  } finally {
    for (const file of [PLAIN_FILE, SEALED_FILE, IDENTITY_FILE]) rmSync(file, { force: true });
  }
}

if (process.argv[2] === 'child') {
  const result = await measureHere(process.argv[3] as CaseName, process.argv[4]!, Number(process.argv[5]));
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
