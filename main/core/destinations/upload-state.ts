// The small local file that lets an interrupted multipart upload resume: one JSON file per
// object being uploaded, replaced atomically after each finished part. It holds no secret and
// no content, only the upload id and the parts' numbers, sizes and hashes.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { makeFolder } from '../files/make-folder.ts';

export interface FinishedPart {
  number: number;
  etag: string;
  md5: string;
  size: number;
}

export interface UploadState {
  key: string;
  uploadId: string;
  size?: number;
  partSize: number;
  startedAt: number;
  parts: FinishedPart[];
}

export class UploadStateStore {
  readonly #folder: string;
  readonly #identity: string;
  #writes: Promise<void> = Promise.resolve();

  constructor(folder: string, identity: string) {
    this.#folder = folder;
    this.#identity = identity;
  }

  async load(key: string): Promise<UploadState | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.#file(key), 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const state = JSON.parse(text) as UploadState;
      return state.key === key && typeof state.uploadId === 'string' && Array.isArray(state.parts) ? state : undefined;
    } catch {
      // A state file cut short by a crash: the upload starts over, which is safe.
      return undefined;
    }
  }

  /** Writes are queued so a slower earlier save never overwrites a later one. */
  save(state: UploadState): Promise<void> {
    const snapshot = JSON.stringify(state);
    const write = this.#writes.then(async () => {
      await makeFolder(this.#folder);
      const file = this.#file(state.key);
      const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await fs.writeFile(temporary, snapshot);
      await fs.rename(temporary, file);
    });
    this.#writes = write.catch(() => undefined); // The caller of save sees the error; the queue goes on.
    return write;
  }

  async remove(key: string): Promise<void> {
    await this.#writes;
    await fs.rm(this.#file(key), { force: true });
  }

  #file(key: string): string {
    const id = createHash('sha256').update(`${this.#identity}\n${key}`).digest('hex').slice(0, 32);
    return path.join(this.#folder, `${id}.json`);
  }
}
