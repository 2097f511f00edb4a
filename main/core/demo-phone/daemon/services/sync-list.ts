// LIST (DENT entries) and LIS2 (DNT2 entries) — AOSP file_sync_service.cpp do_list / do_list_v2.
// adbd lists with readdir, so '.' and '..' come first; it ends with a DONE the size of one entry.
import { PhoneFileError } from '../../phone.ts';
import type { DirEntry, SimulatedPhone } from '../../phone.ts';
import type { StreamOutput } from '../stream-output.ts';
import { writeStatV1, writeStatV2 } from './sync-protocol.ts';
import { statPath } from './sync-stat.ts';

const DENT_V1_SIZE = 20;
const DENT_V2_SIZE = 76;

export async function sendListing(phone: SimulatedPhone, path: string, v2: boolean, output: StreamOutput): Promise<void> {
  for (const entry of listing(phone, path)) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.allocUnsafe(v2 ? DENT_V2_SIZE : DENT_V1_SIZE);
    if (v2) {
      header.write('DNT2', 0, 'latin1');
      writeStatV2(header, 4, entry.stat, 0);
      header.writeUInt32LE(name.length, 72);
    } else {
      header.write('DENT', 0, 'latin1');
      writeStatV1(header, 4, entry.stat);
      header.writeUInt32LE(name.length, 16);
    }
    await output.add([header, name]);
  }
  const done = Buffer.alloc(v2 ? DENT_V2_SIZE : DENT_V1_SIZE);
  done.write('DONE', 0, 'latin1');
  await output.add([done]);
}

/** Entries with '.' and '..'; an unreadable directory lists as empty, as adbd's does. */
function listing(phone: SimulatedPhone, path: string): DirEntry[] {
  let entries: DirEntry[];
  try {
    entries = phone.files.list(path);
  } catch (error) {
    // adbd: opendir failing (missing, not a folder, denied) goes straight to DONE.
    if (error instanceof PhoneFileError) return [];
    throw error;
  }
  const self = statPath(phone, path, true).stat;
  if (self === undefined) return entries;
  const parentPath = path.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/';
  const parent = statPath(phone, parentPath, true).stat ?? self;
  return [{ name: '.', stat: self }, { name: '..', stat: parent }, ...entries];
}
