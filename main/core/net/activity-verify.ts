// Verifies the hash chain and names the first record that breaks it: edited (its hash no longer
// matches), missing (an id was deleted), or inserted (a row the chain does not account for).
import type { ActivityLog } from './activity-log.ts';
import { rowHash, type ActivityRow } from './activity-chain.ts';

export type VerifyResult =
  | { ok: true; records: number }
  | { ok: false; records: number; firstBadId: number; problem: 'edited-or-inserted' | 'deleted'; message: string };

export function verifyActivityLog(log: ActivityLog): VerifyResult {
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
      rows.return?.();
      return { ok: false, records, firstBadId: problem === 'deleted' ? expectedId : row.id, problem, message };
    }
    const { hash, ...content } = row;
    if (rowHash(previousHash, content) !== hash) {
      rows.return?.();
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
  return { ok: true, records };
}
