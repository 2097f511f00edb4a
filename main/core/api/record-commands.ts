// History's views of the exported records: a snapshot's contacts, message threads and call log,
// read back from the files the backup wrote (contacts.vcf, sms.xml, calls.xml). Stored objects are
// named by their content and never change, so what was read from one is kept for the next page.
import { resolve } from 'node:path';
import type { HistoryCalls, HistoryContacts, HistoryThread, HistoryThreads } from '../../../preload/contract/records.ts';
import { readSmsBackup, type StoredCall, type StoredMessage } from '../categories/formats/sms-backup-reader.ts';
import { readVcards, type StoredContact } from '../categories/formats/vcard-reader.ts';
import { ApiFailure } from './api-error.ts';
import { asApiFailure } from './engine-failure.ts';

interface Page { offset: number; limit: number }

/** Files read recently, by absolute object path; a few are enough for paging through one view. */
const KEEP = 4;
const recent = new Map<string, Promise<unknown>>();

function remembered<T>(file: string, kind: string, read: () => Promise<T>): Promise<T> {
  const key = `${kind}:${file}`;
  let value = recent.get(key) as Promise<T> | undefined;
  if (value) recent.delete(key);
  else {
    value = read();
    value.catch(() => recent.delete(key));
  }
  recent.set(key, value);
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return value;
}

/** The contract admits only objects/xx/<hash>; this keeps even a wrong folder inside itself. */
function storedObject(folder: string, object: string): string {
  const root = resolve(folder);
  const file = resolve(root, object);
  if (!file.startsWith(`${root}/`) && !file.startsWith(`${root}\\`)) throw new ApiFailure('invalid-input', 'That is not a stored object of a backup.');
  return file;
}

async function reading<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new ApiFailure('not-found', 'The stored copy of this file is missing. Verify the snapshot to see what else is.');
    }
    throw asApiFailure(error, doing);
  }
}

function contactsOf(file: string): Promise<StoredContact[]> {
  return remembered(file, 'contacts', async () => {
    const contacts: StoredContact[] = [];
    await readVcards(file, (contact) => contacts.push(contact));
    return contacts.sort((a, b) => a.name.localeCompare(b.name));
  });
}

function messagesOf(file: string): Promise<StoredMessage[]> {
  return remembered(file, 'messages', async () => {
    const messages: StoredMessage[] = [];
    await readSmsBackup(file, (record) => {
      if (record.kind === 'message') messages.push(record.message);
    });
    return messages;
  });
}

function callsOf(file: string): Promise<StoredCall[]> {
  return remembered(file, 'calls', async () => {
    const calls: StoredCall[] = [];
    await readSmsBackup(file, (record) => {
      if (record.kind === 'call') calls.push(record.call);
    });
    return calls.sort((a, b) => b.date - a.date);
  });
}

/**
 * The digits a number is matched by: its last nine, as Android's own lookup compares numbers
 * loosely (PhoneNumberUtils), so "+33 6 12 34 56 78" and "06 12 34 56 78" are one person.
 */
function numberKey(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-9) : digits;
}

function namesByNumber(file: string): Promise<Map<string, string>> {
  return remembered(file, 'names', async () => {
    const names = new Map<string, string>();
    for (const contact of await contactsOf(file)) {
      if (!contact.name) continue;
      for (const phone of contact.phones) {
        const key = numberKey(phone);
        if (key.length >= 5 && !names.has(key)) names.set(key, contact.name);
      }
    }
    return names;
  });
}

/** A conversation's name from the contacts: one person's, or a group's people (numbers for the unknown). */
function threadName(address: string, names: Map<string, string>): string {
  const numbers = address.split('~');
  const people = numbers.map((number) => names.get(numberKey(number)));
  return people.some((name) => name !== undefined) ? people.map((name, i) => name ?? numbers[i]).join(', ') : '';
}

function matches(query: string, ...fields: string[]): boolean {
  const needle = query.trim().toLocaleLowerCase();
  return needle === '' || fields.some((field) => field.toLocaleLowerCase().includes(needle));
}

/** A snippet short enough for a list row, without cutting a character in two. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > 120 ? `${chars.slice(0, 119).join('')}…` : line;
}

export function recordCommands() {
  return {
    'history.contacts': ({ folder, object, query, offset, limit }: { folder: string; object: string; query: string } & Page): Promise<HistoryContacts> =>
      reading('Reading the contacts', async () => {
        const all = await contactsOf(storedObject(folder, object));
        const found = all.filter((c) => matches(query, c.name, c.organization, ...c.phones, ...c.emails));
        return { total: all.length, matching: found.length, contacts: found.slice(offset, offset + limit) };
      }),

    'history.threads': ({ folder, object, query, contacts }: { folder: string; object: string; query: string; contacts?: string }): Promise<HistoryThreads> =>
      reading('Reading the messages', async () => {
        const messages = await messagesOf(storedObject(folder, object));
        // A missing or unreadable contacts file only costs the names, never the messages.
        const names = contacts === undefined ? undefined : await namesByNumber(storedObject(folder, contacts)).catch(() => undefined);
        const threads = new Map<string, HistoryThreads['threads'][number]>();
        for (const message of messages) {
          const thread = threads.get(message.address);
          if (!thread) {
            threads.set(message.address, { address: message.address, name: message.contactName, count: 1, lastDate: message.date, snippet: snippet(message.text) });
            continue;
          }
          thread.count += 1;
          thread.name ||= message.contactName;
          if (message.date >= thread.lastDate) {
            thread.lastDate = message.date;
            thread.snippet = snippet(message.text);
          }
        }
        if (names) for (const thread of threads.values()) thread.name ||= threadName(thread.address, names);
        const all = [...threads.values()].sort((a, b) => b.lastDate - a.lastDate);
        return { messages: messages.length, threads: all.filter((t) => matches(query, t.address, t.name, t.snippet)) };
      }),

    'history.thread': ({ folder, object, address, offset, limit }: { folder: string; object: string; address: string } & Page): Promise<HistoryThread> =>
      reading('Reading the messages', async () => {
        const messages = (await messagesOf(storedObject(folder, object)))
          .filter((m) => m.address === address)
          .sort((a, b) => a.date - b.date);
        return { address, total: messages.length, messages: messages.slice(offset, offset + limit) };
      }),

    'history.calls': ({ folder, object, query, offset, limit }: { folder: string; object: string; query: string } & Page): Promise<HistoryCalls> =>
      reading('Reading the call log', async () => {
        const all = await callsOf(storedObject(folder, object));
        const found = all.filter((c) => matches(query, c.number, c.contactName));
        return { total: all.length, matching: found.length, calls: found.slice(offset, offset + limit) };
      }),
  };
}
