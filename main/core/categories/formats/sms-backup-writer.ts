// Streaming writers for SMS Backup & Restore files (messages: <smses>, calls: <calls>).
//
// The root element carries `count` before any message, but messages arrive one by one and a phone
// may hold hundreds of thousands: we neither hold them in memory nor count them first. The start
// tag is written with a fixed-width slot, `count="0"` plus spaces (whitespace between attributes
// is plain XML), and once the last element is written the real count is written over the slot in
// place. The file is written as `<name>.partial`, flushed to disk and renamed only when finished,
// so a reader never sees a half-written backup under the final name.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import {
  callElement,
  mmsClosing,
  mmsOpening,
  partOpening,
  smsElement,
  type CallRecord,
  type MmsMessage,
  type SmsMessage,
  type XmlPiece,
  attributes,
} from './sms-backup-xml.ts';

/** The prolog SMS Backup & Restore writes. */
const PROLOG = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n";
/** Room for `count="N"`: 20 digits is more than any phone holds. */
const COUNT_SLOT = 'count=""'.length + 20;
const FLUSH_AT = 64 * 1024;
// Base64 of a multiple of 3 bytes has no padding, so slices can be encoded independently.
const BASE64_SLICE = 48 * 1024;

export interface BackupSet {
  /** A random UUID naming this backup run (SMS Backup & Restore's backup_set). */
  backupSet: string;
  /** When the backup was made, milliseconds since the epoch. */
  backupDate: number;
}

export interface XmlFileSummary {
  path: string;
  count: number;
  bytes: number;
  /** Characters XML 1.0 cannot hold, written as U+FFFD (see xml-text.ts). */
  replacedCharacters: number;
}

/** One XML backup file being written: buffered appends, the count slot, atomic finish. */
class XmlBackupFile {
  readonly #path: string;
  readonly #root: string;
  readonly #handle: FileHandle;
  #pending: string[] = [];
  #pendingLength = 0;
  #bytes = 0;
  #countOffset = 0;
  count = 0;
  replaced = 0;

  private constructor(path: string, root: string, handle: FileHandle) {
    this.#path = path;
    this.#root = root;
    this.#handle = handle;
  }

  static async create(path: string, root: string, set: BackupSet): Promise<XmlBackupFile> {
    const file = new XmlBackupFile(path, root, await open(`${path}.partial`, 'w'));
    const rest = attributes([
      ['backup_set', set.backupSet],
      ['backup_date', set.backupDate],
      ['type', 'full'],
    ]);
    file.#countOffset = Buffer.byteLength(`${PROLOG}<${root} `);
    file.append({ xml: `${PROLOG}<${root} ${'count="0"'.padEnd(COUNT_SLOT)}${rest.xml}>\n`, replaced: 0 });
    return file;
  }

  append(piece: XmlPiece): Promise<void> | undefined {
    this.#pending.push(piece.xml);
    this.#pendingLength += piece.xml.length;
    this.replaced += piece.replaced;
    return this.#pendingLength >= FLUSH_AT ? this.flush() : undefined;
  }

  async appendBase64(data: Uint8Array): Promise<void> {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let at = 0; at < bytes.length; at += BASE64_SLICE) {
      await this.append({ xml: bytes.subarray(at, at + BASE64_SLICE).toString('base64'), replaced: 0 });
    }
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    this.#pendingLength = 0;
    await this.#handle.write(chunk, 0, chunk.length, this.#bytes);
    this.#bytes += chunk.length;
  }

  async finish(): Promise<XmlFileSummary> {
    await this.append({ xml: `</${this.#root}>\n`, replaced: 0 });
    await this.flush();
    const slot = Buffer.from(`count="${this.count}"`.padEnd(COUNT_SLOT), 'utf8');
    await this.#handle.write(slot, 0, slot.length, this.#countOffset);
    await this.#handle.sync();
    await this.#handle.close();
    await rename(`${this.#path}.partial`, this.#path);
    return { path: this.#path, count: this.count, bytes: this.#bytes, replacedCharacters: this.replaced };
  }

  async abort(): Promise<void> {
    await this.#handle.close().catch(() => {
      // Already closed by a failed finish(): removing the partial file is all that is left.
    });
    await rm(`${this.#path}.partial`, { force: true });
  }
}

/** Writes `<smses>`: SMS and MMS in the order given. */
export class MessagesXmlWriter {
  readonly #file: XmlBackupFile;

  private constructor(file: XmlBackupFile) {
    this.#file = file;
  }

  static async create(path: string, set: BackupSet): Promise<MessagesXmlWriter> {
    return new MessagesXmlWriter(await XmlBackupFile.create(path, 'smses', set));
  }

  async writeSms(sms: SmsMessage): Promise<void> {
    this.#file.count += 1;
    await this.#file.append(smsElement(sms));
  }

  async writeMms(mms: MmsMessage): Promise<void> {
    this.#file.count += 1;
    await this.#file.append(mmsOpening(mms));
    for (const part of mms.parts) {
      await this.#file.append(partOpening(part));
      if (part.data) {
        await this.#file.append({ xml: ' data="', replaced: 0 });
        await this.#file.appendBase64(part.data);
        await this.#file.append({ xml: '"', replaced: 0 });
      }
      await this.#file.append({ xml: ' />\n', replaced: 0 });
    }
    await this.#file.append(mmsClosing(mms));
  }

  finish(): Promise<XmlFileSummary> {
    return this.#file.finish();
  }

  /** Stops without producing a file (the backup failed or was cancelled). */
  abort(): Promise<void> {
    return this.#file.abort();
  }
}

/** Writes `<calls>`. */
export class CallsXmlWriter {
  readonly #file: XmlBackupFile;

  private constructor(file: XmlBackupFile) {
    this.#file = file;
  }

  static async create(path: string, set: BackupSet): Promise<CallsXmlWriter> {
    return new CallsXmlWriter(await XmlBackupFile.create(path, 'calls', set));
  }

  async writeCall(call: CallRecord): Promise<void> {
    this.#file.count += 1;
    await this.#file.append(callElement(call));
  }

  finish(): Promise<XmlFileSummary> {
    return this.#file.finish();
  }

  abort(): Promise<void> {
    return this.#file.abort();
  }
}
