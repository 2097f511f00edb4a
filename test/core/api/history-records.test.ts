// History's records views on a real backup of the simulated phone: its contacts, message threads
// and call log read back from the snapshot's contacts.vcf, sms.xml and calls.xml, with the counts
// the phone reported, paging and search, and clear refusals for anything that is not a stored file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupScan, EventMessage, HistoryBrowse, HistoryCalls, HistoryContacts, HistorySnapshots, HistoryThread, HistoryThreads, SnapshotFile } from '../../../preload/contract/api.ts';
import type { Device } from '../../../preload/contract/devices.ts';
import { createAppApi } from '../../../main/core/api/create-app-api.ts';
import type { Api } from '../../../main/core/api/create-api.ts';
import { KeyStore } from '../../../main/core/device/index.ts';
import { finished, value } from './support/api-results.ts';

let scratch: string;
let api: Api;
let scan: BackupScan;
const events: EventMessage[] = [];
const files = new Map<string, SnapshotFile>();

const folder = () => join(scratch, 'backup');
const items = (category: string) => scan.categories.find((c) => c.category === category)!.items;
const object = (category: string) => files.get(category)!.object;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'vitre-api-records-'));
  api = createAppApi({ keyStore: new KeyStore({ folder: join(scratch, 'keys'), androidFolder: null }), home: join(scratch, 'home') });
  api.subscribe((message) => events.push(message));
  const phone = value<Device>(await api.invoke('demo-phone.start', {}));
  scan = value<BackupScan>(await api.invoke('backup.scan', { deviceId: phone.id }));
  const { job } = value<{ job: string }>(await api.invoke('backup.start', { deviceId: phone.id, folder: folder(), categories: ['contacts', 'messages', 'calls'] }));
  expect((await finished(events, job, 60_000)).state).toBe('complete');
  const [snapshot] = value<HistorySnapshots>(await api.invoke('history.snapshots', { folder: folder() })).snapshots;
  for (const top of ['Contacts', 'Messages', 'Calls']) {
    const listing = value<HistoryBrowse>(await api.invoke('history.browse', { folder: folder(), snapshot: snapshot!.id, path: top }));
    for (const file of listing.files) files.set(file.category, file);
  }
}, 90_000);

afterAll(async () => {
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a snapshot’s records', () => {
  it('lists every contact the phone had, by name, a page at a time, and finds one by number', async () => {
    const first = value<HistoryContacts>(await api.invoke('history.contacts', { folder: folder(), object: object('contacts'), query: '', offset: 0, limit: 20 }));
    expect(first.total).toBe(items('contacts'));
    expect(first.total).toBeGreaterThan(20);
    expect(first.contacts).toHaveLength(Math.min(20, first.total));
    const names = first.contacts.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const withNumber = first.contacts.find((c) => c.phones.length > 0)!;
    const found = value<HistoryContacts>(await api.invoke('history.contacts', { folder: folder(), object: object('contacts'), query: withNumber.phones[0]!, offset: 0, limit: 20 }));
    expect(found.contacts).toContainEqual(withNumber);
    expect(found.matching).toBeLessThan(first.total);
  });

  it('groups every message into conversations, newest first, and opens one oldest first', async () => {
    const threads = value<HistoryThreads>(await api.invoke('history.threads', { folder: folder(), object: object('messages'), query: '' }));
    expect(threads.messages).toBe(items('messages'));
    expect(threads.threads.length).toBeGreaterThan(1);
    expect(threads.threads.some((t) => t.address.includes('~'))).toBe(true);
    expect(threads.threads.reduce((sum, t) => sum + t.count, 0)).toBe(threads.messages);
    const dates = threads.threads.map((t) => t.lastDate);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const busiest = [...threads.threads].sort((a, b) => b.count - a.count)[0]!;
    const thread = value<HistoryThread>(await api.invoke('history.thread', { folder: folder(), object: object('messages'), address: busiest.address, offset: 0, limit: 500 }));
    expect(thread.total).toBe(busiest.count);
    expect(thread.messages.every((m) => m.address === busiest.address)).toBe(true);
    const times = thread.messages.map((m) => m.date);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(thread.messages.at(-1)!.date).toBe(busiest.lastDate);
  });

  it('names conversations after the snapshot’s contacts, and finds them by name', async () => {
    const bare = value<HistoryThreads>(await api.invoke('history.threads', { folder: folder(), object: object('messages'), query: '' }));
    const named = value<HistoryThreads>(await api.invoke('history.threads', { folder: folder(), object: object('messages'), query: '', contacts: object('contacts') }));
    expect(named.threads.map((t) => t.address)).toEqual(bare.threads.map((t) => t.address));
    const gained = named.threads.filter((t, i) => t.name !== '' && bare.threads[i]!.name === '');
    expect(gained.length).toBeGreaterThan(0);
    // Each name given is a contact who has that number.
    const book = value<HistoryContacts>(await api.invoke('history.contacts', { folder: folder(), object: object('contacts'), query: '', offset: 0, limit: 500 }));
    const digits = (n: string) => n.replace(/\D/g, '').slice(-9);
    for (const thread of gained.filter((t) => !t.address.includes('~'))) {
      const person = book.contacts.find((c) => c.name === thread.name)!;
      expect(person.phones.map(digits)).toContain(digits(thread.address));
    }
    const found = value<HistoryThreads>(await api.invoke('history.threads', { folder: folder(), object: object('messages'), query: gained[0]!.name, contacts: object('contacts') }));
    expect(found.threads.map((t) => t.address)).toContain(gained[0]!.address);
  });

  it('lists the call log newest first with each call’s type', async () => {
    const calls = value<HistoryCalls>(await api.invoke('history.calls', { folder: folder(), object: object('calls'), query: '', offset: 0, limit: 500 }));
    expect(calls.total).toBe(items('calls'));
    expect(calls.total).toBeGreaterThan(1);
    expect(calls.calls).toHaveLength(Math.min(500, calls.total));
    const dates = calls.calls.map((c) => c.date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(new Set(calls.calls.map((c) => c.type)).size).toBeGreaterThan(1);
  });

  it('refuses what is not a stored file of the backup, and says when a stored copy is missing', async () => {
    const outside = await api.invoke('history.contacts', { folder: folder(), object: '../../etc/passwd', query: '', offset: 0, limit: 10 });
    expect(outside).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const missing = await api.invoke('history.calls', { folder: folder(), object: `objects/00/${'0'.repeat(62)}`, query: '', offset: 0, limit: 10 });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const wrongKind = await api.invoke('history.threads', { folder: folder(), object: object('contacts'), query: '' });
    expect(wrongKind).toMatchObject({ ok: false });
  });
});
