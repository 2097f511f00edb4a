// Maps content:// URIs to the simulated providers: which table a query reads (with the
// restriction the URI implies), and which bytes `content read` returns.
import type { PhoneOptions } from '../../options.ts';
import { hash32 } from '../seeded-random.ts';
import { callsTable } from './calls.ts';
import { contactsProvider, type ContactsProvider } from './contacts.ts';
import { mmsProvider, smsTable, type MmsProvider } from './messages.ts';
import { notesTable } from './notes.ts';
import { permissionDenial, ProviderError, sqliteError, unknownProvider } from './provider-errors.ts';
import type { ProviderTable, Row } from './provider-table.ts';
import { runQuery, type QueryRequest } from './run-query.ts';
import { SqlError } from './where-clause.ts';
import type { CellValue } from './provider-table.ts';

export interface QueryTarget {
  table: ProviderTable;
  implied?: (row: Row) => boolean;
  limit?: number;
  offset?: number;
}

const SMS_BOXES: Record<string, number> = { inbox: 1, sent: 2, draft: 3, outbox: 4, failed: 5, queued: 6 };

export class ContentProviders {
  readonly #options: PhoneOptions;
  readonly #contacts: ContactsProvider;
  readonly #sms: ProviderTable;
  readonly #mms: MmsProvider;
  readonly #calls: ProviderTable;
  readonly #notes: ProviderTable | undefined;
  readonly #pid: number;

  constructor(options: PhoneOptions, epoch: number) {
    this.#options = options;
    const { seed } = options;
    this.#contacts = contactsProvider(seed, options.contacts, epoch);
    this.#sms = smsTable(seed, options.messages, options.contacts, epoch);
    this.#mms = mmsProvider(seed, options.messages, options.contacts, epoch);
    this.#calls = callsTable(seed, options.calls, options.contacts, epoch);
    this.#notes = options.profile === 'miui' ? notesTable(seed, epoch) : undefined;
    this.#pid = 20000 + (hash32(seed, 0x9d) % 9000);
  }

  /** Runs a query; throws ProviderError (printed by `content`) on any failure. */
  query(uri: string, request: Omit<QueryRequest, 'implied' | 'limit' | 'offset'>): { columns: readonly string[]; rows: Iterable<CellValue[]> } {
    const { authority, parts, params } = this.#open(uri);
    const target = this.#target(authority, parts, params, uri);
    if (authority === 'call_log' && request.sort !== undefined && /\bLIMIT\b/i.test(request.sort)) {
      // CallLogProvider queries with SQLiteQueryBuilder.setStrictGrammar(true), whose token check
      // rejects LIMIT inside the sort order (SQLiteQueryBuilder.enforceStrictToken).
      throw new ProviderError(authority, 'java.lang.IllegalArgumentException: Invalid token LIMIT', 'query');
    }
    try {
      return runQuery(target.table, { ...request, implied: target.implied, limit: target.limit, offset: target.offset });
    } catch (error) {
      if (error instanceof SqlError) throw sqliteError(authority, error.message);
      throw error;
    }
  }

  /** Bytes for `content read --uri URI` (contact photos, MMS part data). */
  read(uri: string): Uint8Array {
    const { authority, parts } = this.#open(uri);
    const notFound = (): ProviderError => new ProviderError(authority, `java.io.FileNotFoundException: No file found for ${uri}`, 'read');
    if (authority === 'com.android.contacts') {
      const [first, second, third] = parts;
      const id = Number(first === 'contacts' ? second : first === 'display_photo' ? second : NaN);
      const photo = this.#contacts.photos.get(id);
      if (!photo) throw notFound();
      if (first === 'contacts' && third === 'photo') return photo.thumbnail();
      if ((first === 'contacts' && third === 'display_photo') || first === 'display_photo') return photo.display();
      throw notFound();
    }
    if (authority === 'mms' && parts[0] === 'part' && parts.length === 2) {
      const bytes = this.#mms.partData(Number(parts[1]));
      if (bytes) return bytes;
    }
    throw notFound();
  }

  #open(uri: string): { authority: string; parts: string[]; params: URLSearchParams } {
    const match = /^content:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(uri);
    const authority = match?.[1] ?? '';
    if (!match || authority === '' || !this.#known(authority)) throw unknownProvider(authority === '' ? 'null' : authority);
    if (this.#options.faults.denyProviders?.includes(authority)) throw permissionDenial(authority, this.#pid);
    return { authority, parts: (match[2] ?? '').split('/').filter(Boolean), params: new URLSearchParams(match[3] ?? '') };
  }

  #known(authority: string): boolean {
    return ['com.android.contacts', 'sms', 'mms', 'call_log'].includes(authority) || (authority === 'notes' && this.#notes !== undefined);
  }

  #target(authority: string, parts: string[], params: URLSearchParams, uri: string): QueryTarget {
    const [first, second, third] = parts;
    const unknown = (): ProviderError => new ProviderError(authority, `java.lang.IllegalArgumentException: Unknown URL ${uri}`, 'query');
    const byId = (column: string, id: string | undefined) => (row: Row) => String(row[column]) === id;
    if (authority === 'com.android.contacts') {
      if (parts.length !== 1) throw unknown();
      if (first === 'data') return { table: this.#contacts.data };
      if (first === 'raw_contacts') return { table: this.#contacts.rawContacts };
      if (first === 'contacts') return { table: this.#contacts.contacts };
      throw unknown();
    }
    if (authority === 'sms') {
      if (first === undefined) return { table: this.#sms };
      if (parts.length === 1 && SMS_BOXES[first] !== undefined) return { table: this.#sms, implied: (row) => row.type === SMS_BOXES[first] };
      if (parts.length === 1 && /^\d+$/.test(first)) return { table: this.#sms, implied: byId('_id', first) };
      throw unknown();
    }
    if (authority === 'mms') {
      if (first === undefined) return { table: this.#mms.pdu };
      if (first === 'inbox' || first === 'sent') return { table: this.#mms.pdu, implied: (row) => row.msg_box === (first === 'inbox' ? 1 : 2) };
      if (first === 'part') return { table: this.#mms.part, implied: second === undefined ? undefined : byId('_id', second) };
      if (/^\d+$/.test(first) && second === undefined) return { table: this.#mms.pdu, implied: byId('_id', first) };
      if (/^\d+$/.test(first) && second === 'part' && third === undefined) return { table: this.#mms.part, implied: byId('mid', first) };
      if (/^\d+$/.test(first) && second === 'addr' && third === undefined) return { table: this.#mms.addr, implied: byId('msg_id', first) };
      throw unknown();
    }
    if (authority === 'call_log') {
      if (first !== 'calls' || parts.length !== 1) throw unknown();
      const limit = params.get('limit');
      const offset = params.get('offset');
      return { table: this.#calls, limit: limit === null ? undefined : Number(limit), offset: offset === null ? undefined : Number(offset) };
    }
    if (this.#notes && first === 'note' && parts.length === 1) return { table: this.#notes };
    throw unknown();
  }
}
