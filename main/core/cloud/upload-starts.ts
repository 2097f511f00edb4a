// How each large object being uploaded was encrypted, kept in the data folder until it is on the
// destination. age encrypts with a random file key, so a rerun would otherwise produce different
// bytes and an S3 multipart upload would have to send every part again; from the same start (the
// header and payload nonce, which the destination receives anyway and which only the repository
// identity opens) the same file encrypts to the same bytes, and the parts the server holds are
// kept. Nothing secret is written: the file key is wrapped in the header, as on the destination.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { reopenEncryption, startEncryption, type EncryptionStart, type RepositoryKey } from '../crypto/index.ts';
import { makeFolder } from '../files/make-folder.ts';

export const UPLOAD_STARTS_FOLDER = 'cloud-uploads';
/** S3 parts are at least 5 MiB: a smaller object goes up in one request, with nothing to resume. */
export const RESUMABLE_BYTES = 5 * 1024 * 1024;

export interface ObjectStart {
  start: EncryptionStart;
  /** True when the start was found from an earlier, unfinished upload. */
  reused: boolean;
}

export class UploadStarts {
  readonly #folder: string;

  constructor(stateFolder: string) {
    this.#folder = path.join(stateFolder, UPLOAD_STARTS_FOLDER);
  }

  /** The saved start for this object, or a new one saved before any byte is sent. */
  async begin(objectName: string, key: RepositoryKey): Promise<ObjectStart> {
    const saved = await this.#load(objectName, key);
    if (saved !== undefined) return { start: saved, reused: true };
    const start = await startEncryption([key.recipient]);
    await makeFolder(this.#folder);
    const file = this.#file(objectName);
    const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, start.bytes);
    await fs.rename(temporary, file);
    return { start, reused: false };
  }

  /** The object is on the destination: its start is of no further use. */
  async finish(objectName: string): Promise<void> {
    await fs.rm(this.#file(objectName), { force: true });
  }

  async #load(objectName: string, key: RepositoryKey): Promise<EncryptionStart | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.#file(objectName));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    // Cut short by a crash, or made for another repository's key: start afresh, which is safe.
    return reopenEncryption(bytes, [key.identity]).catch(() => undefined);
  }

  #file(objectName: string): string {
    return path.join(this.#folder, `${path.basename(objectName)}.age-start`);
  }
}
