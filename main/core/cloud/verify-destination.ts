// Verifying a destination: every uploaded snapshot's manifest opens, every object it names is
// there, and the objects checked (all, or a random sample of N) download, decrypt and hash to
// the content the manifest records. Nothing is written anywhere.
import { createHash, randomInt } from 'node:crypto';
import { runPool } from '../backup/pool.ts';
import type { NewEntry } from '../catalog/entries.ts';
import { decryptObject, type RepositoryKey } from '../crypto/index.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { CLOUD_MODULE, type CloudDestination } from './cloud-destination.ts';
import { readRemoteCatalog } from './remote-catalog.ts';
import { readRemoteManifest } from './remote-snapshot.ts';
import { OBJECTS_PREFIX, objectPath } from './repository.ts';

export interface VerifyDestinationOptions {
  destination: CloudDestination;
  key: RepositoryKey;
  /** Check the contents of only this many objects, chosen at random (all when left out). */
  sample?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

export interface DestinationProblem {
  snapshotId?: string;
  path?: string;
  message: string;
}

export interface DestinationVerifyReport {
  ok: boolean;
  snapshots: number;
  /** Distinct objects the snapshots name. */
  objects: number;
  /** Objects downloaded, decrypted and hash-checked. */
  objectsChecked: number;
  bytesChecked: number;
  problems: DestinationProblem[];
  seconds: number;
}

export async function verifyDestination(options: VerifyDestinationOptions): Promise<DestinationVerifyReport> {
  const started = performance.now();
  const { destination, key, signal } = options;
  const storage = destination.storage;
  const purpose = { job: 'verify destination', destination: destination.settings.name, module: CLOUD_MODULE };
  const problems: DestinationProblem[] = [];
  const named = new Map<string, NewEntry>();
  const snapshots = await withActivityContext(purpose, () => readRemoteCatalog({ destination: storage, key }, signal));
  const present = new Set<string>();
  await withActivityContext(purpose, async () => {
    for await (const object of storage.list(OBJECTS_PREFIX, { signal })) present.add(object.name);
  });
  for (const snapshot of snapshots) {
    try {
      const manifest = await withActivityContext(purpose, () => readRemoteManifest(storage, key, snapshot.id, signal));
      for (const entry of manifest.entries) {
        if (!present.has(objectPath(key, entry.hash))) problems.push({ snapshotId: snapshot.id, path: entry.path, message: 'its object is missing from the destination' });
        else if (!named.has(entry.hash)) named.set(entry.hash, entry);
      }
    } catch (error) {
      problems.push({ snapshotId: snapshot.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const chosen = choose([...named.values()], options.sample);
  let bytesChecked = 0;
  await runPool(chosen, { maxItems: options.concurrency ?? 4 }, async (entry) => {
    try {
      const digest = await withActivityContext({ ...purpose, category: entry.category }, async () => {
        const hash = createHash('sha256');
        for await (const chunk of decryptObject(await storage.get(objectPath(key, entry.hash), { signal }), key)) hash.update(chunk);
        return `sha256:${hash.digest('hex')}`;
      });
      if (digest !== entry.hash) problems.push({ path: entry.path, message: 'its object decrypts to different content than was backed up' });
      bytesChecked += entry.size;
    } catch (error) {
      if (signal?.aborted === true) throw error;
      problems.push({ path: entry.path, message: error instanceof Error ? error.message : String(error) });
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return { ok: problems.length === 0, snapshots: snapshots.length, objects: named.size, objectsChecked: chosen.length, bytesChecked, problems, seconds };
}

/** All of them, or `sample` picked uniformly at random (partial Fisher–Yates). */
function choose<T>(items: T[], sample: number | undefined): T[] {
  if (sample === undefined || sample >= items.length) return items;
  const pool = [...items];
  for (let i = 0; i < sample; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, sample);
}
