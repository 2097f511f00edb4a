import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentRows, type ContentRow } from '../../../../main/core/categories/formats/content-rows.ts';
import {
  CALL_PROJECTION,
  SMS_PROJECTION,
  callFromRow,
  smsFromRow,
} from '../../../../main/core/categories/formats/message-rows.ts';
import { CallsXmlWriter, MessagesXmlWriter } from '../../../../main/core/categories/formats/sms-backup-writer.ts';
import { requireTool } from '../../../support/tools.ts';
import { printRows, randomChunks, randomSource, type PrintedValue } from './content-rows-support.ts';

const SCHEMAS = join(import.meta.dirname, '../../../fixtures/sms-backup-restore');
const SET = { backupSet: 'b1c2d3e4-0000-4000-8000-000000000001', backupDate: 1_764_374_400_000 };
let xmllint = '';
let folder = '';
beforeAll(() => {
  xmllint = requireTool('xmllint');
  folder = mkdtempSync(join(tmpdir(), 'vitre-message-rows-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function readBack(file: string, xpath: string): string {
  const out = execFileSync(xmllint, ['--xpath', `string(${xpath})`, file], { encoding: 'utf8' });
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

async function collect(text: string, projection: typeof SMS_PROJECTION, seed: number): Promise<ContentRow[]> {
  const rows: ContentRow[] = [];
  for await (const row of parseContentRows(randomChunks(text, randomSource(seed)), projection)) rows.push(row);
  return rows;
}

describe('messages and calls from content query rows', () => {
  it('carries hostile SMS bodies from the phone output into a valid backup file, byte for byte', async () => {
    const random = randomSource(99);
    // Every separator the output uses, each fake column followed by text that is not a number:
    // a body that imitates a whole column (", type=2, subject=") is ambiguous by nature, which
    // content-rows.test.ts covers; these must come back exactly.
    const pieces = [
      ...SMS_PROJECTION.map((c) => `, ${c.name}=x`), '\nRow: 3 _id=z', '\nRow: ', 'Row: 0 _id=', ', ', ',', '=', 'NULL',
      'BLOB', '  ', '\n', '\r\n', '\t', '😀', 'é', 'ok', '"', '<&>', '12',
    ];
    const bodies = Array.from({ length: 300 }, () =>
      Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
    );
    const printed: PrintedValue[][] = bodies.map((body, i) => {
      const values: Record<string, string | null> = {
        _id: String(i + 1), address: i % 7 ? `+3361234${i}` : null, date: String(1_700_000_000_000 + i), body,
        type: String(1 + (i % 2)), subject: null, thread_id: '3', service_center: null, date_sent: '0',
        protocol: '0', read: '1', status: '-1', locked: '0', sub_id: '1',
      };
      return SMS_PROJECTION.map((c) => values[c.name] ?? null);
    });
    const rows = await collect(printRows(SMS_PROJECTION, printed), SMS_PROJECTION, 5);
    // A body of exactly "NULL" prints like a null one; it reads, and is written, as a null body.
    expect(rows.map((r) => r.body)).toEqual(bodies.map((b) => (b === 'NULL' ? null : b)));

    const file = join(folder, 'sms.xml');
    const writer = await MessagesXmlWriter.create(file, SET);
    for (const row of rows) await writer.writeSms(smsFromRow(row));
    const summary = await writer.finish();
    expect(summary.count).toBe(300);
    const check = spawnSync(xmllint, ['--noout', '--schema', join(SCHEMAS, 'sms.xsd'), file], { encoding: 'utf8' });
    expect(check.stderr).toMatch(/validates/);
    for (const i of [0, 1, 7, 150, 299]) {
      expect(readBack(file, `/smses/sms[${i + 1}]/@body`)).toBe(bodies[i] === 'NULL' ? 'null' : bodies[i]);
    }
    expect(readBack(file, '/smses/sms[1]/@address')).toBe('null');
    expect(readBack(file, '/smses/sms[2]/@subject')).toBe('null');
  });

  it('writes call log rows as a valid calls file', async () => {
    const printed: PrintedValue[][] = [
      ['1', '+33612345678', '1700000000000', '', '65', '1', '1', 'Zoë, date=1', '1'],
      ['2', '', '1700000001000', NULL, '0', NULL, '3', NULL, '2'],
    ].map((row) => row.map((v) => (v === NULL ? null : v)));
    const rows = await collect(printRows(CALL_PROJECTION, printed), CALL_PROJECTION, 8);
    const file = join(folder, 'calls.xml');
    const writer = await CallsXmlWriter.create(file, SET);
    for (const row of rows) await writer.writeCall(callFromRow(row));
    await writer.finish();
    const check = spawnSync(xmllint, ['--noout', '--schema', join(SCHEMAS, 'calls.xsd'), file], { encoding: 'utf8' });
    expect(check.stderr).toMatch(/validates/);
    expect(readBack(file, '/calls/call[1]/@contact_name')).toBe('Zoë, date=1');
    expect(readBack(file, '/calls/call[2]/@presentation')).toBe('2');
    expect(readBack(file, '/calls/call[2]/@subscription_id')).toBe('null');
  });
});

const NULL = '\u0000null';
