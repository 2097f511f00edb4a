// Runs the hash-chain check of the activity log in a worker thread: it reads and hashes every
// record (about half a second per 100,000 records here), and in the main thread that would stall
// every other command — the Activity table's pages among them — for as long.
import { parentPort, workerData } from 'node:worker_threads';
import { ActivityLog } from '../net/activity-log.ts';
import { verifyActivityLog } from '../net/activity-verify.ts';

const { file } = workerData as { file: string };
const log = new ActivityLog(file);
try {
  parentPort?.postMessage(verifyActivityLog(log));
} finally {
  log.close();
}
