// Verifies the hash chain and names the first record that breaks it: edited (its hash no longer
// matches), missing (an id was deleted), or inserted (a row the chain does not account for).
import type { ActivityLog } from './activity-log.ts';
import { rowHash, type ActivityRow } from './activity-chain.ts';

export type VerifyResult =
  | { ok: true; records: number }
  | { ok: false; records: number; firstBadId: number; problem: 'edited-or-inserted' | 'deleted'; message: string };

/** Checks the chain in one read snapshot, so appends by other processes meanwhile do not count. */
export function verifyActivityLog(log: ActivityLog): VerifyResult {
  return log.db.transaction(() => verifyChain(log))();
}

function verifyChain(log: ActivityLog): VerifyResult {
  const start = log.chainStart();
  let expectedId = start.firstId;
  let previousHash = start.prevHash;
  let records = 0;
  const rows = log.db.prepare('SELECT * FROM activity ORDER BY id').iterate() as IterableIterator<ActivityRow>;
  for (const row of rows) {
    if (row.id !== expectedId) {
      const problem = row.id > expectedId ? 'deleted' : 'edited-or-inserted';
      const message = row.id > expectedId
        ? `record ${expectedId} is missing: ${expectedId === row.id - 1 ? 'it was' : `records ${expectedId}–${row.id - 1} were`} deleted from the log`
        : `record ${row.id} is out of place: it was inserted into the log`;
      return { ok: false, records, firstBadId: problem === 'deleted' ? expectedId : row.id, problem, message };
    }
    const { hash, ...content } = row;
    if (rowHash(previousHash, content) !== hash) {
      return {
        ok: false,
        records,
        firstBadId: row.id,
        problem: 'edited-or-inserted',
        message: `record ${row.id} does not match the chain: it was edited, or inserted in place of the original`,
      };
    }
    previousHash = hash;
    expectedId += 1;
    records += 1;
  }
  return checkHead(log, expectedId - 1, previousHash, records) ?? { ok: true, records };
}

function checkHead(log: ActivityLog, lastId: number, lastHash: string, records: number): VerifyResult | undefined {
  const head = log.head();
  if (head === undefined || (head.lastId === lastId && head.lastHash === lastHash)) return undefined;
  if (head.lastId === lastId) {
    return {
      ok: false, records, firstBadId: lastId, problem: 'edited-or-inserted',
      message: `record ${lastId} does not match the chain's head: it was edited or replaced`,
    };
  }
  if (head.lastId > lastId) {
    return {
      ok: false, records, firstBadId: lastId + 1, problem: 'deleted',
      message: `record ${lastId + 1} is missing: the newest records (${lastId + 1}–${head.lastId}) were deleted from the log`,
    };
  }
  return {
    ok: false, records, firstBadId: head.lastId + 1, problem: 'edited-or-inserted',
    message: `record ${head.lastId + 1} was not written by Vitre: it was inserted after the newest record`,
  };
}
