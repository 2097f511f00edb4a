// STAT (v1, lstat), STA2 (stat) and LST2 (lstat) — AOSP file_sync_service.cpp do_lstat_v1,
// do_stat_v2. v1 answers all zeros for a missing file; v2 carries the errno.
import { PhoneFileError } from '../../phone.ts';
import type { FileStat, SimulatedPhone } from '../../phone.ts';
import { ERRNO, ID_LSTAT_V2, ID_STAT, writeStatV1, writeStatV2 } from './sync-protocol.ts';

export type StatResult = { stat: FileStat; error: 0 } | { stat: undefined; error: number };

export function statPath(phone: SimulatedPhone, path: string, follow: boolean): StatResult {
  try {
    return { stat: follow ? phone.files.stat(path) : phone.files.lstat(path), error: 0 };
  } catch (error) {
    if (error instanceof PhoneFileError) return { stat: undefined, error: ERRNO[error.errno] };
    throw error;
  }
}

export function statReply(phone: SimulatedPhone, id: number, path: string): Buffer {
  if (id === ID_STAT) {
    const reply = Buffer.allocUnsafe(16);
    reply.write('STAT', 0, 'latin1');
    writeStatV1(reply, 4, statPath(phone, path, false).stat);
    return reply;
  }
  const result = statPath(phone, path, id !== ID_LSTAT_V2);
  const reply = Buffer.allocUnsafe(72);
  reply.writeUInt32LE(id, 0);
  writeStatV2(reply, 4, result.stat, result.error);
  return reply;
}
