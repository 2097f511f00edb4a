// Turns rows of `content://com.android.contacts/data` into contacts. Each row is one piece of a
// contact (a name, a number, an address...), told apart by `mimetype`; the meaning of data1..data15
// per mimetype and the type codes come from ContactsContract.CommonDataKinds
// (frameworks/base/core/java/android/provider/ContactsContract.java).
//
// Rows must arrive sorted by contact_id (query with `--sort "contact_id ASC, _id ASC"`): contacts
// are then yielded one at a time and memory stays flat however many the phone holds.
// Photos are not in these rows: `content query` prints a blob as the word BLOB, so the caller
// fetches photo bytes separately and passes `photoFor`.
import { emptyContact, type Contact, type LabeledValue, type PostalAddress } from './contact.ts';
import type { ContentColumn } from './content-row-fields.ts';
import type { ContentRow } from './content-rows.ts';

/**
 * The columns to project from the data table. A number column follows data1 (names, numbers, and
 * the one long free text: notes) and every other text column but the short address tail
 * (data8..data10: region, postcode, country), so a note holding ", data2=" reads back exactly;
 * only text imitating a whole number column is ambiguous (see content-rows.ts). The numbers are
 * the Data view's own columns and its contact's (ContactsContract.Data: "columns from the
 * associated aggregated contact"). data11..data14 are unused by the kinds we read; data15 is the
 * photo blob.
 */
export const CONTACT_DATA_PROJECTION: readonly ContentColumn[] = [
  ['_id', 'integer'],
  ['mimetype', 'text'],
  ['contact_id', 'integer'],
  ['data1', 'text'],
  ['raw_contact_id', 'integer'],
  ['data2', 'text'],
  ['is_primary', 'integer'],
  ['data3', 'text'],
  ['is_super_primary', 'integer'],
  ['data4', 'text'],
  ['data_version', 'integer'],
  ['data5', 'text'],
  ['starred', 'integer'],
  ['data6', 'text'],
  ['times_contacted', 'integer'],
  ['data7', 'text'],
  ['photo_id', 'integer'],
  ['data8', 'text'],
  ['data9', 'text'],
  ['data10', 'text'],
].map(([name, kind]) => ({ name: name!, kind: kind as ContentColumn['kind'] }));

const MIME = 'vnd.android.cursor.item/';

// CommonDataKinds.Phone.TYPE_* → vCard 3.0 TYPE values (RFC 2426 §3.3.1); null means "use a label".
const PHONE_TYPES: Record<string, string[] | null> = {
  '1': ['HOME'],
  '2': ['CELL'],
  '3': ['WORK'],
  '4': ['WORK', 'FAX'],
  '5': ['HOME', 'FAX'],
  '6': ['PAGER'],
  '7': ['VOICE'],
  '9': ['CAR'],
  '11': ['ISDN'],
  '13': ['FAX'],
  '17': ['WORK', 'CELL'],
  '18': ['WORK', 'PAGER'],
  '20': ['MSG'],
};
// The remaining Android phone types keep their name as a label, so nothing is lost.
const PHONE_LABELS: Record<string, string> = {
  '8': 'Callback',
  '10': 'Company main',
  '12': 'Main',
  '14': 'Radio',
  '15': 'Telex',
  '16': 'TTY/TDD',
  '19': 'Assistant',
};
const EMAIL_TYPES: Record<string, string[]> = { '1': ['INTERNET', 'HOME'], '2': ['INTERNET', 'WORK'], '3': ['INTERNET'] };
const EMAIL_LABELS: Record<string, string> = { '4': 'Mobile' };
const POSTAL_TYPES: Record<string, string[]> = { '1': ['HOME'], '2': ['WORK'], '3': [] };
// CommonDataKinds.Event: 1 anniversary, 2 other, 3 birthday, 0 custom.
const EVENT_KINDS: Record<string, 'birthday' | 'anniversary' | 'other'> = { '1': 'anniversary', '2': 'other', '3': 'birthday' };

function text(row: ContentRow, column: string): string {
  return row[column] ?? '';
}

/** A type code with its custom label (data3 when the type is 0, TYPE_CUSTOM). */
function labelled(row: ContentRow, types: Record<string, string[] | null>, labels: Record<string, string>) {
  const code = text(row, 'data2');
  const known = types[code];
  if (known) return { types: [...known] };
  const label = code === '0' ? text(row, 'data3') : labels[code];
  return label ? { types: [], label } : { types: [] };
}

function valueOf(row: ContentRow, types: Record<string, string[] | null>, labels: Record<string, string>): LabeledValue {
  return { value: text(row, 'data1'), ...labelled(row, types, labels), preferred: text(row, 'is_primary') === '1' };
}

// StructuredPostal: data4 street, data5 PO box, data6 neighborhood, data7 city, data8 region,
// data9 postcode, data10 country.
function postalAddressOf(row: ContentRow): PostalAddress {
  return {
    ...labelled(row, POSTAL_TYPES, {}),
    preferred: text(row, 'is_primary') === '1',
    street: text(row, 'data4'),
    poBox: text(row, 'data5'),
    extended: text(row, 'data6'),
    locality: text(row, 'data7'),
    region: text(row, 'data8'),
    postalCode: text(row, 'data9'),
    country: text(row, 'data10'),
  };
}

/** Adds one data row to its contact. Unknown mimetypes (IM, relation, SIP, app rows) are skipped. */
export function addDataRow(contact: Contact, row: ContentRow): void {
  const mimetype = text(row, 'mimetype');
  if (!mimetype.startsWith(MIME)) return;
  switch (mimetype.slice(MIME.length)) {
    case 'name':
      contact.name = {
        formatted: text(row, 'data1'),
        given: text(row, 'data2'),
        family: text(row, 'data3'),
        prefix: text(row, 'data4'),
        middle: text(row, 'data5'),
        suffix: text(row, 'data6'),
      };
      break;
    case 'phone_v2':
      contact.phones.push(valueOf(row, PHONE_TYPES, PHONE_LABELS));
      break;
    case 'email_v2':
      contact.emails.push(valueOf(row, EMAIL_TYPES, EMAIL_LABELS));
      break;
    case 'postal-address_v2':
      contact.addresses.push(postalAddressOf(row));
      break;
    case 'organization':
      contact.organizations.push({ company: text(row, 'data1'), title: text(row, 'data4'), department: text(row, 'data5') });
      break;
    case 'nickname':
      contact.nicknames.push(text(row, 'data1'));
      break;
    case 'note':
      if (text(row, 'data1')) contact.notes.push(text(row, 'data1'));
      break;
    case 'website':
      contact.websites.push(text(row, 'data1'));
      break;
    case 'contact_event': {
      const kind = EVENT_KINDS[text(row, 'data2')] ?? 'other';
      const label = text(row, 'data2') === '0' ? text(row, 'data3') : undefined;
      contact.events.push({ date: text(row, 'data1'), kind, ...(label ? { label } : {}) });
      break;
    }
    default:
      break;
  }
}

export interface ContactsFromRowsOptions {
  /** Fetches a contact's photo (JPEG bytes), if it has one. */
  photoFor?: (contactId: string) => Promise<Uint8Array | undefined>;
}

/** Groups data rows (sorted by contact_id) into contacts, yielding each as soon as it is whole. */
export async function* contactsFromRows(
  rows: AsyncIterable<ContentRow> | Iterable<ContentRow>,
  options: ContactsFromRowsOptions = {},
): AsyncGenerator<Contact> {
  let current: Contact | undefined;
  const finish = async (contact: Contact): Promise<Contact> => {
    const photo = await options.photoFor?.(contact.id);
    return photo ? { ...contact, photoJpeg: photo } : contact;
  };
  for await (const row of rows) {
    const id = text(row, 'contact_id');
    if (current && current.id !== id) yield await finish(current);
    if (!current || current.id !== id) current = emptyContact(id);
    addDataRow(current, row);
  }
  if (current) yield await finish(current);
}
