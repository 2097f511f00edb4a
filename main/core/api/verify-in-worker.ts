// Starts activity-verify-worker for one check of the log file and hands back its answer.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VerifyResult } from '../net/activity-verify.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const WORKER = path.join(path.dirname(here), `activity-verify-worker${path.extname(here)}`);

export function verifyInWorker(file: string): Promise<VerifyResult> {
  const worker = new Worker(WORKER, { workerData: { file } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: VerifyResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the log check stopped early (exit code ${code})`));
    });
  });
}
