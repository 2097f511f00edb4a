import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallsXmlWriter, MessagesXmlWriter, type BackupSet } from '../../../../main/core/categories/formats/sms-backup-writer.ts';
import type { MmsMessage, SmsMessage } from '../../../../main/core/categories/formats/sms-backup-xml.ts';
import { requireTool } from '../../../support/tools.ts';

const SCHEMAS = join(import.meta.dirname, '../../../fixtures/sms-backup-restore');
const SET: BackupSet = { backupSet: '0f8fad5b-d9cb-469f-a165-70867728950e', backupDate: 1_764_374_400_000 };
// Every character class that trips XML writers: astral emoji, line breaks, tab, quotes, markup.
const HOSTILE = 'Hi 😀👍🏽 "quoted" & \'single\' <b>bold</b>\nline two\r\nline three\ttabbed  ';

let xmllint = '';
let folder = '';
beforeAll(() => {
  xmllint = requireTool('xmllint');
  folder = mkdtempSync(join(tmpdir(), 'vitre-sbr-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Validates with libxml2 against the schema; returns libxml2's complaint, or '' when valid. */
function validate(file: string, schema: string): string {
  const result = spawnSync(xmllint, ['--noout', '--schema', join(SCHEMAS, schema), file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

/** Reads an attribute back through libxml2 (an independent XML parser). */
function readBack(file: string, xpath: string): string {
  const out = execFileSync(xmllint, ['--xpath', `string(${xpath})`, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

function sms(body: string | null, overrides: Partial<SmsMessage> = {}): SmsMessage {
  return { address: '+33 6 12 34 56 78', date: 1_764_374_400_123, type: 1, body, read: 1, dateSent: 1_764_374_399_000, ...overrides };
}

describe('SMS Backup & Restore messages file', () => {
  it('writes SMS and MMS that the schema accepts, with the count filled in', async () => {
    const file = join(folder, 'sms.xml');
    const writer = await MessagesXmlWriter.create(file, SET);
    await writer.writeSms(sms(HOSTILE, { contactName: 'Zoë "Z" <Dupont>', readableDate: '29 Nov 2026 00:00:00' }));
    await writer.writeSms(sms(null, { type: 2, subject: null, serviceCenter: '+33609001390' }));
    const mms: MmsMessage = {
      date: 1_764_374_500_000,
      msgBox: 1,
      address: '+331111~+332222',
      read: 0,
      columns: { m_id: 'abc@mms', ct_t: 'application/vnd.wap.multipart.related', m_type: 132, sub: null, rr: null },
      parts: [
        { seq: -1, ct: 'application/smil', text: '<smil><body><par/></body></smil>' },
        { seq: 0, ct: 'text/plain', chset: 106, text: HOSTILE },
        { seq: 1, ct: 'image/jpeg', name: 'IMG 1.jpg', cl: 'IMG 1.jpg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]) },
      ],
      addresses: [
        { address: '+331111', type: 137 },
        { address: '+332222', type: 151 },
      ],
    };
    await writer.writeMms(mms);
    const summary = await writer.finish();

    expect(summary).toMatchObject({ path: file, count: 3, replacedCharacters: 0 });
    expect(validate(file, 'sms.xsd')).toBe('');
    expect(readBack(file, '/smses/@count')).toBe('3');
    expect(readBack(file, '/smses/@backup_set')).toBe(SET.backupSet);
    expect(readBack(file, '/smses/sms[1]/@body')).toBe(HOSTILE);
    expect(readBack(file, '/smses/sms[1]/@contact_name')).toBe('Zoë "Z" <Dupont>');
    expect(readBack(file, '/smses/sms[2]/@body')).toBe('null');
    expect(readBack(file, '/smses/sms[2]/@toa')).toBe('null');
    expect(readBack(file, '/smses/mms/parts/part[2]/@text')).toBe(HOSTILE);
    expect(readBack(file, '/smses/mms/@m_type')).toBe('132');
    expect(readBack(file, '/smses/mms/addrs/addr[1]/@type')).toBe('137');
    expect(Buffer.from(readBack(file, '/smses/mms/parts/part[3]/@data'), 'base64')).toEqual(
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]),
    );
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"3\" ")).toBe(true);
    expect(text).toContain('😀'); // as UTF-8, never as surrogate character references
    expect(text).not.toMatch(/&#5[5-7]\d{3};/);
  });

  it('replaces characters XML 1.0 cannot hold with U+FFFD, counts them, and stays valid', async () => {
    const file = join(folder, 'controls.xml');
    const writer = await MessagesXmlWriter.create(file, SET);
    await writer.writeSms(sms('bell\u0007 nul\u0000 esc\u001b lone\ud83d end'));
    const summary = await writer.finish();
    expect(summary.replacedCharacters).toBe(4);
    expect(validate(file, 'sms.xsd')).toBe('');
    expect(readBack(file, '/smses/sms/@body')).toBe('bell\ufffd nul\ufffd esc\ufffd lone\ufffd end');
  });

  it('streams a large attachment and 20,000 messages, filling the count at the end', async () => {
    const file = join(folder, 'many.xml');
    const photo = new Uint8Array(300_001).map((_, i) => (i * 7919) % 256);
    const writer = await MessagesXmlWriter.create(file, SET);
    await writer.writeMms({
      date: 1,
      msgBox: 2,
      address: '+1',
      read: 1,
      parts: [{ seq: 0, ct: 'image/jpeg', data: photo }],
      addresses: [{ address: '+1', type: 151 }],
    });
    for (let i = 0; i < 20_000; i += 1) await writer.writeSms(sms(`message ${i} 😀`, { date: i }));
    const summary = await writer.finish();
    expect(summary.count).toBe(20_001);
    expect(validate(file, 'sms.xsd')).toBe('');
    expect(readBack(file, '/smses/@count')).toBe('20001');
    expect(readBack(file, 'count(/smses/sms)')).toBe('20000');
    expect(Buffer.from(readBack(file, '/smses/mms/parts/part/@data'), 'base64').equals(Buffer.from(photo))).toBe(true);
  });

  it('leaves no file behind when aborted, and none under the final name until finished', async () => {
    const file = join(folder, 'aborted.xml');
    const writer = await MessagesXmlWriter.create(file, SET);
    await writer.writeSms(sms('x'));
    expect(existsSync(file)).toBe(false);
    await writer.abort();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('writes an empty backup that is still valid', async () => {
    const file = join(folder, 'empty.xml');
    await (await MessagesXmlWriter.create(file, SET)).finish();
    expect(validate(file, 'sms.xsd')).toBe('');
    expect(readBack(file, '/smses/@count')).toBe('0');
  });
});

describe('SMS Backup & Restore calls file', () => {
  it('writes calls that the schema accepts, numbers and names intact', async () => {
    const file = join(folder, 'calls.xml');
    const writer = await CallsXmlWriter.create(file, SET);
    await writer.writeCall({ number: '+33612345678', duration: 65, date: 1_764_374_400_000, type: 1, contactName: 'Mère & fils 👪' });
    await writer.writeCall({ number: '', duration: 0, date: 1_764_374_500_000, type: 3, presentation: 2, subscriptionId: '89330123' });
    await writer.writeCall({ number: '*31#0612', duration: 12, date: 1, type: 2, postDialDigits: ',123#' });
    const summary = await writer.finish();
    expect(summary.count).toBe(3);
    expect(validate(file, 'calls.xsd')).toBe('');
    expect(readBack(file, '/calls/@count')).toBe('3');
    expect(readBack(file, '/calls/call[1]/@contact_name')).toBe('Mère & fils 👪');
    expect(readBack(file, '/calls/call[2]/@presentation')).toBe('2');
    expect(readBack(file, '/calls/call[3]/@post_dial_digits')).toBe(',123#');
    expect(readBack(file, '/calls/call[2]/@number')).toBe('');
  });

  it('is rejected by the schema when a call type is out of range (the schema checks something)', async () => {
    const file = join(folder, 'bad-calls.xml');
    const writer = await CallsXmlWriter.create(file, SET);
    await writer.writeCall({ number: '1', duration: 1, date: 1, type: 42 });
    await writer.finish();
    expect(validate(file, 'calls.xsd')).toMatch(/type/);
  });
});
