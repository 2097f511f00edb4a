// The formats against the simulated phone's `content` command, which prints what AOSP's
// Content.java prints: its hostile messages and contacts must come through the parser, the vCard
// writer and the SMS Backup & Restore writer intact, judged by ical.js and libxml2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentProviders } from '../../../../main/core/demo-phone/content/providers/content-providers.ts';
import { createDemoPhone, phoneEpoch } from '../../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../../../main/core/demo-phone/options.ts';
import { CONTACT_DATA_PROJECTION, contactsFromRows } from '../../../../main/core/categories/formats/contact-rows.ts';
import type { Contact } from '../../../../main/core/categories/formats/contact.ts';
import { ContentQueryError } from '../../../../main/core/categories/formats/content-query-error.ts';
import type { ContentColumn } from '../../../../main/core/categories/formats/content-row-fields.ts';
import { parseContentRows, projectionArgument, type ContentRow } from '../../../../main/core/categories/formats/content-rows.ts';
import { SMS_PROJECTION, smsFromRow } from '../../../../main/core/categories/formats/message-rows.ts';
import { MessagesXmlWriter } from '../../../../main/core/categories/formats/sms-backup-writer.ts';
import { writeVCard } from '../../../../main/core/categories/formats/vcard-writer.ts';
import { requireTool } from '../../../support/tools.ts';
import { readVCards } from './vcard-support.ts';

const OPTIONS = { ...DEFAULT_PHONE_OPTIONS, seed: 11, messages: 400, contacts: 25, calls: 20 };
const phone = createDemoPhone(OPTIONS);
// The same seed builds the same data: a second copy of the phone's providers is the ground truth.
const providers = new ContentProviders(OPTIONS, phoneEpoch(OPTIONS.seed));

/** Runs a shell command on the simulated phone; stdout arrives in the chunks the phone sends. */
async function* shell(command: string): AsyncGenerator<Uint8Array> {
  let stderr = '';
  for await (const chunk of phone.shell.run(command, new AbortController().signal)) {
    if ('stdout' in chunk) yield chunk.stdout;
    else if ('stderr' in chunk) stderr += Buffer.from(chunk.stderr).toString('utf8');
  }
  // Content.java prints failures on stderr and still exits 0: hand them to the parser.
  if (stderr) yield Buffer.from(stderr, 'utf8');
}

async function query(uri: string, projection: readonly ContentColumn[], extra = ''): Promise<ContentRow[]> {
  const rows: ContentRow[] = [];
  const command = `content query --uri ${uri} --projection ${projectionArgument(projection)} ${extra}`;
  for await (const row of parseContentRows(shell(command), projection)) rows.push(row);
  return rows;
}

/**
 * The phone's own table, for comparison: the provider's cells as Content.java prints them, then
 * read the way the parser must (a text cell of exactly "NULL" prints like a null one).
 */
function truth(uri: string, projection: readonly ContentColumn[], sort: string): ContentRow[] {
  const names = projection.map((c) => c.name);
  const result = providers.query(uri, { projection: names, sort });
  return [...result.rows].map((cells) =>
    Object.fromEntries(names.map((name, i) => {
      const cell = cells[i] ?? null;
      const printed = cell === null ? 'NULL' : typeof cell === 'object' ? 'BLOB' : String(cell);
      return [name, printed === 'NULL' ? null : printed];
    })),
  );
}

let xmllint = '';
let folder = '';
beforeAll(() => {
  xmllint = requireTool('xmllint');
  folder = mkdtempSync(join(tmpdir(), 'vitre-demo-formats-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('formats against the simulated phone', () => {
  it('reads every SMS exactly as the phone holds it, hostile bodies included', async () => {
    const rows = await query('content://sms', SMS_PROJECTION, '--sort "_id ASC"');
    expect(rows).toHaveLength(400);
    expect(rows).toEqual(truth('content://sms', SMS_PROJECTION, '_id ASC'));
  });

  it('writes those messages to a backup file that validates and holds every body', async () => {
    const rows = await query('content://sms', SMS_PROJECTION, '--sort "_id ASC"');
    const file = join(folder, 'sms.xml');
    const writer = await MessagesXmlWriter.create(file, { backupSet: 'f2c0a3d4-1b2c-4d5e-8f90-a1b2c3d4e5f6', backupDate: 1 });
    for (const row of rows) await writer.writeSms(smsFromRow(row));
    expect((await writer.finish()).count).toBe(400);
    const check = spawnSync(xmllint, ['--noout', '--schema', join(import.meta.dirname, '../../../fixtures/sms-backup-restore/sms.xsd'), file], {
      encoding: 'utf8',
    });
    expect(check.stderr).toMatch(/validates/);
    // Read back through libxml2: the first rows hold the phone's hostile bodies.
    for (const [i, row] of rows.slice(0, 16).entries()) {
      const body = execFileSync(xmllint, ['--xpath', `string(/smses/sms[${i + 1}]/@body)`, file], { encoding: 'utf8' });
      expect(body.slice(0, -1)).toBe(row.body ?? 'null');
    }
  });

  it('turns the contacts into vCards that re-parse to the same contacts, photos included', async () => {
    const rows = await query('content://com.android.contacts/data', CONTACT_DATA_PROJECTION, '--sort "contact_id ASC, _id ASC"');
    const photoFor = async (id: string): Promise<Uint8Array | undefined> => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of phone.shell.run(`content read --uri content://com.android.contacts/contacts/${id}/display_photo`, new AbortController().signal)) {
        if ('stderr' in chunk) return undefined; // no photo for this contact
        if ('stdout' in chunk) chunks.push(chunk.stdout);
      }
      return chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
    };
    const contacts: Contact[] = [];
    for await (const contact of contactsFromRows(rows, { photoFor })) contacts.push(contact);
    expect(contacts).toHaveLength(25);
    expect(contacts.some((c) => c.photoJpeg)).toBe(true);
    expect(contacts.every((c) => c.name.formatted !== '')).toBe(true);
    const vcf = contacts.map(writeVCard).join('');
    expect(readVCards(vcf)).toEqual(contacts.map((c) => ({ ...c, id: '' })));
  });

  it('reports a provider that refuses the shell user as a typed, per-category failure', async () => {
    const refused = await query('content://call_log/calls', [{ name: '_id', kind: 'integer' }], '--sort "_id ASC LIMIT 5"').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ContentQueryError);
    expect((refused as ContentQueryError).failure).toMatchObject({ kind: 'query-rejected', provider: 'call_log' });
  });
});
