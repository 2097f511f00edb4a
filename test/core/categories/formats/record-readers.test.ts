// Reading a backup's records back for History: what the vCard and SMS Backup & Restore writers put
// in a file, the readers give back (names, numbers, bodies with commas, newlines and emoji, MMS
// text and attachments, call types), judged for vCards against ical.js as an independent parser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyContact, type Contact } from '../../../../main/core/categories/formats/contact.ts';
import { readSmsBackup, type StoredCall, type StoredMessage } from '../../../../main/core/categories/formats/sms-backup-reader.ts';
import { CallsXmlWriter, MessagesXmlWriter } from '../../../../main/core/categories/formats/sms-backup-writer.ts';
import { readVcards, type StoredContact } from '../../../../main/core/categories/formats/vcard-reader.ts';
import { writeVCard } from '../../../../main/core/categories/formats/vcard-writer.ts';
import { readVCards } from './vcard-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'vitre-record-readers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const set = { backupSet: 'f2c0a3d4-1b2c-4d5e-8f90-a1b2c3d4e5f6', backupDate: 1 };

const HOSTILE_BODIES = ['Dinner at 8, ok?', 'line one\nline two\r\nthree', 'x, col=1, y=2', '🎉 fête <b>&amp;</b> "quoted" \'single\'', '   ', 'null'];

function contact(id: string, given: string, family: string, extra: Partial<Contact> = {}): Contact {
  const c = emptyContact(id);
  c.name = { ...c.name, given, family, formatted: `${given} ${family}`.trim() };
  return { ...c, ...extra };
}

describe('the vCard reader', () => {
  it('gives back each contact’s name, numbers, e-mails and organization, as ical.js reads them', async () => {
    const contacts = [
      contact('1', 'Zoë', 'Durand; Jr', { phones: [{ value: '+33 6 12 34 56 78', types: ['CELL'], preferred: true }, { value: '0123', types: ['HOME'], preferred: false }], emails: [{ value: 'zoe@example.org', types: ['HOME'], preferred: false }], organizations: [{ company: 'Atelier, Lyon', department: 'R&D', title: '' }] }),
      contact('2', 'Li', 'Wei', { photoJpeg: new Uint8Array(40_000).fill(7), notes: ['a note, with\nlines'] }),
      contact('3', '', '', { phones: [{ value: '555-0100', types: [], preferred: false }] }),
      contact('4', 'Ana', '', { name: { formatted: '', family: 'Silva', given: 'Ana', middle: 'Maria', prefix: '', suffix: '' } }),
    ];
    const file = join(folder, 'contacts.vcf');
    writeFileSync(file, contacts.map(writeVCard).join(''));
    const read: StoredContact[] = [];
    await readVcards(file, (c) => read.push(c));

    const judge = readVCards(contacts.map(writeVCard).join(''));
    expect(read).toHaveLength(contacts.length);
    read.forEach((c, i) => {
      expect(c.phones).toEqual(judge[i]!.phones.map((p) => p.value));
      expect(c.emails).toEqual(judge[i]!.emails.map((e) => e.value));
    });
    expect(read[0]).toEqual({ name: 'Zoë Durand; Jr', phones: ['+33 6 12 34 56 78', '0123'], emails: ['zoe@example.org'], organization: 'Atelier, Lyon, R&D' });
    expect(read[1]!.name).toBe('Li Wei');
    expect(read[3]!.name).toBe(judge[3]!.name.formatted || 'Ana Maria Silva');
  });

  it('reads folded lines and grouped properties written by other apps', async () => {
    const file = join(folder, 'other.vcf');
    writeFileSync(file, 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Martin;Jean-Pierre;;;\r\nFN:Jean-Pierre Mart\r\n in\r\nitem1.TEL;TYPE=CELL:+1 555\r\n  0199\r\nitem1.X-ABLabel:Work\r\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n BBBB\r\nEND:VCARD\r\n');
    const read: StoredContact[] = [];
    await readVcards(file, (c) => read.push(c));
    expect(read).toEqual([{ name: 'Jean-Pierre Martin', phones: ['+1 555 0199'], emails: [], organization: '' }]);
  });
});

describe('the SMS Backup & Restore reader', () => {
  it('gives back every SMS body exactly, and MMS text with its attachments counted', async () => {
    const file = join(folder, 'sms.xml');
    const writer = await MessagesXmlWriter.create(file, set);
    for (const [i, body] of HOSTILE_BODIES.entries()) {
      await writer.writeSms({ address: '+15550100', date: 1_700_000_000_000 + i, type: i % 2 ? 2 : 1, body, read: 1, contactName: 'Ann' });
    }
    await writer.writeMms({
      date: 1_700_000_100_000, msgBox: 1, address: '+15550100~+15550111', read: 1, contactName: '(Unknown)',
      parts: [
        { seq: -1, ct: 'application/smil', text: '<smil/>' },
        { seq: 0, ct: 'text/plain', text: 'look, 🐈' },
        { seq: 1, ct: 'image/jpeg', name: 'cat.jpg', data: new Uint8Array(300_000).fill(1) },
        { seq: 2, ct: 'video/mp4', name: 'cat.mp4', data: new Uint8Array(10).fill(2) },
      ],
      addresses: [{ address: '+15550100', type: 137 }, { address: '+15550111', type: 151 }],
    });
    await writer.finish();

    const messages: StoredMessage[] = [];
    await readSmsBackup(file, (record) => {
      if (record.kind === 'message') messages.push(record.message);
    });
    expect(messages.slice(0, HOSTILE_BODIES.length).map((m) => m.text)).toEqual(HOSTILE_BODIES.map((b) => (b === 'null' ? '' : b)));
    expect(messages[1]).toMatchObject({ kind: 'sms', address: '+15550100', contactName: 'Ann', direction: 'sent', date: 1_700_000_000_001 });
    expect(messages.at(-1)).toEqual({
      kind: 'mms', address: '+15550100~+15550111', contactName: '', date: 1_700_000_100_000, direction: 'received', text: 'look, 🐈', attachments: 2,
    });
  });

  it('gives back the call log with each call’s type', async () => {
    const file = join(folder, 'calls.xml');
    const writer = await CallsXmlWriter.create(file, set);
    const types = [1, 2, 3, 4, 5, 6, 7];
    for (const type of types) await writer.writeCall({ number: `+1555010${type}`, duration: type * 10, date: 1_700_000_000_000 + type, type, contactName: type === 1 ? 'Bob, Jr' : '(Unknown)' });
    await writer.writeCall({ number: null, duration: 0, date: 5, type: 3 });
    await writer.finish();
    const calls: StoredCall[] = [];
    await readSmsBackup(file, (record) => {
      if (record.kind === 'call') calls.push(record.call);
    });
    expect(calls.map((c) => c.type)).toEqual(['incoming', 'outgoing', 'missed', 'voicemail', 'rejected', 'blocked', 'other', 'missed']);
    expect(calls[0]).toEqual({ number: '+15550101', contactName: 'Bob, Jr', date: 1_700_000_000_001, duration: 10, type: 'incoming' });
    expect(calls.at(-1)!.number).toBe('');
  });

  it('refuses a damaged file with a clear error instead of a partial list', async () => {
    const file = join(folder, 'broken.xml');
    writeFileSync(file, '<?xml version="1.0"?><smses count="2"><sms address="1" body="ok" date="1" type="1"/><sms address="2" body="unterminated');
    await expect(readSmsBackup(file, () => {})).rejects.toThrow(/not a readable SMS Backup & Restore file/);
  });
});
