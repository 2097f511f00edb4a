// Contacts → one vCard 3.0 file (contacts.vcf) that Android's importer and Google Contacts read.
// Data rows must arrive grouped by contact, so they are read in windows of contact ids (ids
// listed first, paged by _id) rather than by row: a LIMIT could cut a contact in two.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Device } from '../device/index.ts';
import type { Category, ExportResult } from './category.ts';
import { queryOnce, queryPaged, readContent, shellQuote } from './content-query.ts';
import { CONTACT_DATA_PROJECTION, contactsFromRows } from './formats/contact-rows.ts';
import type { ContentRow } from './formats/content-rows.ts';
import { projectionArgument } from './formats/content-rows.ts';
import { writeVCard } from './formats/vcard-writer.ts';
import { countRows, exportProvider, scanProvider } from './provider-refusal.ts';

const CONTACTS_URI = 'content://com.android.contacts/contacts';
const DATA_URI = 'content://com.android.contacts/data';
const PHOTO_MIME = 'vnd.android.cursor.item/photo';
const WINDOW = 100;

function contactIds(device: Device, signal?: AbortSignal): AsyncGenerator<ContentRow> {
  return queryPaged(device, { uri: CONTACTS_URI, projection: [{ name: '_id', kind: 'integer' }], ...(signal ? { signal } : {}) });
}

/**
 * Data rows of all contacts, sorted by contact, one window of contact ids at a time. The ids of
 * the contacts with a photo go to `withPhoto` a window ahead of their rows.
 */
async function* dataRows(device: Device, withPhoto: PhotoQueue, signal?: AbortSignal): AsyncGenerator<ContentRow> {
  let window: number[] = [];
  const flush = async function* (): AsyncGenerator<ContentRow> {
    if (window.length === 0) return;
    const where = `contact_id>=${window[0]} AND contact_id<=${window.at(-1)}`;
    const args = `--uri ${DATA_URI} --projection ${shellQuote(projectionArgument(CONTACT_DATA_PROJECTION))} --where ${shellQuote(where)} --sort ${shellQuote('contact_id ASC, _id ASC')}`;
    window = [];
    const rows = await queryOnce(device, args, CONTACT_DATA_PROJECTION, signal);
    for (const row of rows) if (row.mimetype === PHOTO_MIME && row.contact_id) withPhoto.add(row.contact_id);
    yield* rows;
  };
  for await (const row of contactIds(device, signal)) {
    window.push(Number(row._id));
    if (window.length >= WINDOW) yield* flush();
  }
  yield* flush();
}

async function photoOf(device: Device, id: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  return (
    (await readContent(device, `${CONTACTS_URI}/${id}/display_photo`, signal)) ??
    (await readContent(device, `${CONTACTS_URI}/${id}/photo`, signal))
  );
}

/** Photos read ahead of the contact being written (see in-order.ts); memory stays this many photos deep. */
const PHOTOS_AHEAD = 4;

/**
 * The contacts with a photo, in the order their contacts are written (ascending id), and their
 * photos read a few ahead: when a contact's photo is asked for, the next ones start.
 */
class PhotoQueue {
  readonly #ids: string[] = [];
  readonly #known = new Set<string>();
  readonly #reading = new Map<string, Promise<Uint8Array | undefined>>();
  #next = 0;

  add(id: string): void {
    if (this.#known.has(id)) return;
    this.#known.add(id);
    this.#ids.push(id);
  }

  photoFor(id: string, read: (id: string) => Promise<Uint8Array | undefined>): Promise<Uint8Array | undefined> {
    if (!this.#known.has(id)) return Promise.resolve(undefined);
    while (this.#next < this.#ids.length && this.#ids[this.#next] !== id) this.#next += 1;
    for (const upcoming of this.#ids.slice(this.#next, this.#next + 1 + PHOTOS_AHEAD)) {
      if (this.#reading.has(upcoming)) continue;
      const reading = read(upcoming);
      reading.catch(() => undefined); // awaited when its contact is written; a failure before then must not go unhandled
      this.#reading.set(upcoming, reading);
    }
    const photo = this.#reading.get(id) ?? read(id);
    this.#reading.delete(id);
    return photo;
  }
}

/** Writes every contact to `file`; `onItem` hears of each one written, for progress. */
export async function exportContacts(device: Device, file: string, signal?: AbortSignal, onItem?: () => void): Promise<number> {
  const out = createWriteStream(file);
  const withPhoto = new PhotoQueue();
  let count = 0;
  try {
    const photoFor = (id: string) => withPhoto.photoFor(id, (contact) => photoOf(device, contact, signal));
    for await (const contact of contactsFromRows(dataRows(device, withPhoto, signal), { photoFor })) {
      if (!out.write(writeVCard(contact))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      count += 1;
      onItem?.();
    }
  } finally {
    out.end();
    await finished(out);
  }
  return count;
}

export const contactsCategory: Category = {
  name: 'contacts',
  scan: ({ device, signal }) => scanProvider('contacts', 'Contacts', () => countRows(contactIds(device, signal))),
  exportTo: ({ device, signal, onItem }, folder) =>
    exportProvider('Contacts', async (): Promise<ExportResult> => {
      const file = join(folder, 'contacts.vcf');
      const items = await exportContacts(device, file, signal, onItem);
      return { state: 'ok', files: [{ name: 'Contacts/contacts.vcf', file, items }] };
    }),
};
