// After a complete upload to an S3-compatible destination, multipart uploads that were started
// long ago and never finished (an interrupted upload whose computer never came back, or whose
// resume state was lost) are aborted: the service keeps, and bills, their parts until then.
// Recent ones are left alone: they may be an upload that is about to resume, here or elsewhere.
import { S3Destination } from '../destinations/s3-destination.ts';
import type { CloudDestination } from './cloud-destination.ts';

/** A week: far longer than any upload takes, as S3 lifecycle rules commonly use. */
export const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** Aborts the destination's abandoned multipart uploads; returns how many. Other backends have none. */
export async function abortAbandonedUploads(destination: CloudDestination, olderThanMs = ABANDONED_AFTER_MS, signal?: AbortSignal): Promise<number> {
  const backend = destination.storage.backend;
  if (!(backend instanceof S3Destination)) return 0;
  return (await backend.abortAbandonedUploads(olderThanMs, signal)).aborted;
}
