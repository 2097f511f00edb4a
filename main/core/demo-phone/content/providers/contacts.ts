// The contacts provider (authority com.android.contacts): the `data` table with one row per
// name, phone, e-mail, address, organization, note, birthday and photo, and the raw_contacts and
// contacts tables. Column names and mimetypes from ContactsContract (AOSP
// frameworks/base/core/java/android/provider/ContactsContract.java).
import { encodeSmallImage } from '../media/jpeg.ts';
import { SeededRandom } from '../seeded-random.ts';
import { person, phoneNumber, typedNumber } from './people.ts';
import { fixedTable, type ProviderTable, type Row } from './provider-table.ts';

const ITEM = 'vnd.android.cursor.item/';
const DATA_COLUMNS = [
  '_id', 'raw_contact_id', 'contact_id', 'mimetype', 'is_primary', 'is_super_primary', 'data_version',
  'data1', 'data2', 'data3', 'data4', 'data5', 'data6', 'data7', 'data8', 'data9', 'data10',
  'data11', 'data12', 'data13', 'data14', 'data15', 'display_name', 'account_type', 'account_name',
  'lookup', 'photo_id', 'starred', 'times_contacted',
];
const RAW_COLUMNS = ['_id', 'contact_id', 'account_type', 'account_name', 'sourceid', 'version', 'dirty', 'deleted', 'display_name', 'starred'];
const CONTACT_COLUMNS = ['_id', 'display_name', 'lookup', 'photo_id', 'photo_file_id', 'photo_uri', 'photo_thumb_uri', 'starred', 'has_phone_number', 'times_contacted', 'contact_last_updated_timestamp'];

/** A contact's photo in two sizes, as ContactsProvider2 stores them (thumbnail in data15). */
export interface ContactPhoto {
  thumbnail: () => Uint8Array;
  display: () => Uint8Array;
}

export interface ContactsProvider {
  data: ProviderTable;
  rawContacts: ProviderTable;
  contacts: ProviderTable;
  /** Photos by contact id. */
  photos: ReadonlyMap<number, ContactPhoto>;
}

const NOTES = [
  'Met at the conference.\nPrefers e-mail, not calls.',
  'Gate code 4521, buzzer "B", then 3rd floor',
  'Allergic to peanuts; display_name=not this, data1=nor this',
];

function emptyData(): Record<string, null> {
  return Object.fromEntries(DATA_COLUMNS.slice(7, 22).map((c) => [c, null]));
}

export function contactsProvider(seed: number, count: number, epoch: number): ContactsProvider {
  const data: Row[] = [];
  const raw: Row[] = [];
  const contacts: Row[] = [];
  const photos = new Map<number, ContactPhoto>();
  for (let i = 0; i < count; i += 1) {
    const id = i + 1;
    const who = person(i);
    const random = new SeededRandom(seed, 0xc0, i);
    const lookup = `0r${id}-${who.handle.toUpperCase().replace(/[^A-Z]/g, '')}`;
    const hasPhoto = i % 3 === 1;
    const starred = i % 7 === 0 ? 1 : 0;
    const common = { raw_contact_id: id, contact_id: id, is_primary: 0, is_super_primary: 0, data_version: 0, display_name: who.display, account_type: 'com.google', account_name: 'owner@example.com', lookup, photo_id: null as number | null, starred, times_contacted: random.int(0, 40) };
    const rows: Array<Record<string, unknown>> = [];
    const add = (mimetype: string, fields: Record<string, unknown>) => rows.push({ ...common, ...emptyData(), mimetype: `${ITEM}${mimetype}`, ...fields });
    add('name', { data1: who.display, data2: who.given, data3: who.family });
    const phones = random.int(1, 3);
    for (let p = 0; p < phones; p += 1) {
      const e164 = phoneNumber(seed, i, p);
      add('phone_v2', { data1: typedNumber(e164), data2: [2, 1, 3][p], data4: e164, is_primary: p === 0 ? 1 : 0 });
    }
    for (let e = 0; e < random.int(0, 2); e += 1) add('email_v2', { data1: `${who.handle}${e ? '@work.example' : '@example.com'}`, data2: e ? 2 : 1 });
    if (i % 3 === 0) add('organization', { data1: ['Vitre Labs, Inc.', 'Hôpital Saint-Louis', '株式会社サンプル'][i % 3 === 0 ? (i / 3) % 3 : 0], data2: 1, data4: 'Engineer' });
    if (i % 6 === 2) add('postal-address_v2', { data1: `12 Rue des Lilas\n75011 Paris\nFrance`, data2: 1, data4: '12 Rue des Lilas', data7: 'Paris', data9: '75011', data10: 'France' });
    if (i % 5 === 0) add('note', { data1: NOTES[(i / 5) % NOTES.length] });
    if (i % 4 === 1) add('contact_event', { data1: `${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, data2: 3 });
    if (hasPhoto) {
      const thumbnail = (): Uint8Array => encodeSmallImage(seed * 31 + id, 96, 96);
      photos.set(id, { thumbnail, display: () => encodeSmallImage(seed * 31 + id, 256, 256) });
      add('photo', { data14: id, data15: { blob: thumbnail } });
    }
    const first = data.length + 1;
    rows.forEach((row, k) => data.push({ ...row, _id: first + k } as Row));
    const photoId = hasPhoto ? first + rows.length - 1 : null;
    if (photoId !== null) for (let k = first - 1; k < data.length; k += 1) data[k] = { ...data[k], photo_id: photoId } as Row;
    raw.push({ _id: id, contact_id: id, account_type: 'com.google', account_name: 'owner@example.com', sourceid: `${(seed * 7919 + id).toString(16)}`, version: random.int(2, 9), dirty: 0, deleted: 0, display_name: who.display, starred });
    contacts.push({
      _id: id, display_name: who.display, lookup, photo_id: photoId, photo_file_id: hasPhoto ? id : null,
      photo_uri: hasPhoto ? `content://com.android.contacts/display_photo/${id}` : null,
      photo_thumb_uri: hasPhoto ? `content://com.android.contacts/contacts/${id}/photo` : null,
      starred, has_phone_number: 1, times_contacted: 0, contact_last_updated_timestamp: (epoch - random.int(0, 700 * 86400)) * 1000,
    });
  }
  return {
    data: fixedTable('view_data', DATA_COLUMNS, data),
    rawContacts: fixedTable('view_raw_contacts', RAW_COLUMNS, raw),
    contacts: fixedTable('view_contacts', CONTACT_COLUMNS, contacts),
    photos,
  };
}
