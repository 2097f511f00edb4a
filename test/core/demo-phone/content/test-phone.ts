// Shared by the content tests: build a phone and run shell commands on it.
import { createDemoPhone } from '../../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../../../../main/core/demo-phone/options.ts';
import { S_IFDIR, S_IFMT, type SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';

export function makePhone(overrides: Partial<PhoneOptions> = {}): SimulatedPhone {
  return createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, ...overrides });
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exit: number;
  stdoutBytes: Uint8Array;
}

export async function sh(phone: SimulatedPhone, command: string): Promise<ShellResult> {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  let exit = -1;
  for await (const chunk of phone.shell.run(command, new AbortController().signal)) {
    if ('stdout' in chunk) out.push(chunk.stdout);
    else if ('stderr' in chunk) err.push(chunk.stderr);
    else exit = chunk.exit;
  }
  const stdoutBytes = new Uint8Array(Buffer.concat(out));
  return { stdout: Buffer.from(stdoutBytes).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exit, stdoutBytes };
}

/** Every path under `root` (depth first, sorted), with its mode, size and mtime. */
export function walk(phone: SimulatedPhone, root: string): string[] {
  const lines: string[] = [];
  const visit = (dir: string): void => {
    const entries = phone.files.list(dir).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const { name, stat } of entries) {
      const path = `${dir}/${name}`;
      lines.push(`${path} ${stat.mode.toString(8)} ${stat.size} ${stat.mtime}`);
      if ((stat.mode & S_IFMT) === S_IFDIR && !name.includes('/') && name !== '..') visit(path);
    }
  };
  visit(root);
  return lines;
}

/** All bytes of a file, read in 64 KiB chunks the way the daemon does. */
export function readAll(phone: SimulatedPhone, path: string): Uint8Array {
  const size = phone.files.stat(path).size;
  const out = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) out.set(phone.files.read(path, offset, 65536), offset);
  return out;
}
