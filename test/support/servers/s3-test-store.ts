// Storage for the S3 test server: object bytes in files under a temporary folder, metadata in
// memory. Bodies are received into a temporary file and only become an object (or a part) once
// complete and verified, as on real S3: an interrupted PUT leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredObject {
  key: string;
  file: string;
  size: number;
  etag: string;
  modified: Date;
}

export interface StoredPart {
  number: number;
  file: string;
  size: number;
  etag: string;
  modified: Date;
}

export interface Upload {
  key: string;
  uploadId: string;
  initiated: Date;
  parts: Map<number, StoredPart>;
}

export interface Received {
  file: string;
  size: number;
  md5: Buffer;
  sha256: string;
}

export class S3TestStore {
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, Upload>();
  readonly #folder: string;

  constructor(folder: string) {
    this.#folder = folder;
  }

  /** Streams a request body to a new file, hashing it on the way; removes the file on failure. */
  async receive(body: Readable): Promise<Received> {
    const file = path.join(this.#folder, randomBytes(12).toString('hex'));
    const md5 = createHash('md5');
    const sha256 = createHash('sha256');
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      md5.update(chunk);
      sha256.update(chunk);
      size += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(file));
    } catch (error) {
      await fs.rm(file, { force: true });
      throw error;
    }
    return { file, size, md5: md5.digest(), sha256: sha256.digest('hex') };
  }

  async putObject(key: string, received: Received, etag = received.md5.toString('hex')): Promise<StoredObject> {
    const object = { key, file: received.file, size: received.size, etag, modified: new Date() };
    const previous = this.objects.get(key);
    this.objects.set(key, object);
    if (previous !== undefined) await fs.rm(previous.file, { force: true });
    return object;
  }

  async deleteObject(key: string): Promise<void> {
    const previous = this.objects.get(key);
    this.objects.delete(key);
    if (previous !== undefined) await fs.rm(previous.file, { force: true });
  }

  read(object: StoredObject, start: number, end: number): Readable {
    return createReadStream(object.file, { start, end });
  }

  createUpload(key: string): Upload {
    const upload = { key, uploadId: randomBytes(16).toString('base64url'), initiated: new Date(), parts: new Map<number, StoredPart>() };
    this.uploads.set(upload.uploadId, upload);
    return upload;
  }

  async putPart(upload: Upload, number: number, received: Received): Promise<StoredPart> {
    const part = { number, file: received.file, size: received.size, etag: received.md5.toString('hex'), modified: new Date() };
    const previous = upload.parts.get(number);
    upload.parts.set(number, part);
    if (previous !== undefined) await fs.rm(previous.file, { force: true });
    return part;
  }

  /** Concatenates the chosen parts into the object; the ETag is S3's md5-of-md5s "-N" form. */
  async complete(upload: Upload, parts: StoredPart[]): Promise<StoredObject> {
    const file = path.join(this.#folder, randomBytes(12).toString('hex'));
    const handle = await fs.open(file, 'w');
    try {
      for (const part of parts) await handle.write(await fs.readFile(part.file));
    } finally {
      await handle.close();
    }
    const md5s = Buffer.concat(parts.map((part) => Buffer.from(part.etag, 'hex')));
    const etag = `${createHash('md5').update(md5s).digest('hex')}-${parts.length}`;
    const size = parts.reduce((total, part) => total + part.size, 0);
    await this.abort(upload);
    return this.putObject(upload.key, { file, size, md5: Buffer.alloc(0), sha256: '' }, etag);
  }

  async abort(upload: Upload): Promise<void> {
    this.uploads.delete(upload.uploadId);
    await Promise.all([...upload.parts.values()].map((part) => fs.rm(part.file, { force: true })));
  }

  async discard(received: Received): Promise<void> {
    await fs.rm(received.file, { force: true });
  }
}
