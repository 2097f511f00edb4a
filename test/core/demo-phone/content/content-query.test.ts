import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { makePhone, sh } from './test-phone.ts';

describe('content query on the simulated phone', () => {
  const phone = makePhone({ seed: 3, messages: 300, contacts: 12, calls: 40 });

  it('prints hostile SMS bodies raw, exactly as Android prints them', async () => {
    const result = await sh(phone, "content query --uri content://sms --projection _id:body:subject --where '_id<=9' --sort '_id ASC'");
    expect(result.exit).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Row: 0 _id=1, body=[^\n]+, subject=NULL\nRow: 1 /);
    expect(result.stdout.slice(result.stdout.indexOf('Row: 1 '))).toBe(
      [
        'Row: 1 _id=2, body=Hello, world, subject=NULL',
        'Row: 2 _id=3, body=Line one\nLine two\n\nLine four, subject=NULL',
        'Row: 3 _id=4, body=Meet at 5, address=+15550000000, type=2, body=fake, subject=NULL',
        'Row: 4 _id=5, body=Row: 99 _id=1, thread_id=1, body=injected, subject=NULL',
        'Row: 5 _id=6, body=Emoji 😀👍🏽🇫🇷 family 👨‍👩‍👧‍👦 done, subject=NULL',
        'Row: 6 _id=7, body=NULL, subject=NULL',
        'Row: 7 _id=8, body=NULL, subject=NULL',
        'Row: 8 _id=9, body=, subject=NULL',
        '',
      ].join('\n'),
    );
  });

  it('pages through all messages by _id without losing or repeating one', async () => {
    const seen: number[] = [];
    let last = 0;
    for (let page = 0; page < 20; page += 1) {
      const result = await sh(phone, `content query --uri content://sms --projection _id:thread_id --where "_id > ${last}" --sort "_id ASC LIMIT 70"`);
      if (result.stdout === 'No result found.\n') break;
      const ids = [...result.stdout.matchAll(/^Row: \d+ _id=(\d+), thread_id=\d+$/gm)].map((m) => Number(m[1]));
      expect(ids.length).toBeGreaterThan(0);
      seen.push(...ids);
      last = ids[ids.length - 1] as number;
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('lists newest first by default and honours DESC, LIMIT and combined conditions', async () => {
    const newest = await sh(phone, 'content query --uri content://sms --projection _id --sort "_id DESC LIMIT 2"');
    expect(newest.stdout).toBe('Row: 0 _id=300\nRow: 1 _id=299\n');
    const byDefault = await sh(phone, 'content query --uri content://sms --projection _id');
    expect(byDefault.stdout.split('\n')[0]).toBe('Row: 0 _id=300');
    const thread = await sh(phone, 'content query --uri content://sms --projection _id:thread_id:type --where "thread_id=2 AND _id>100 AND type=1" --sort "_id ASC"');
    for (const line of thread.stdout.trim().split('\n')) expect(line).toMatch(/^Row: \d+ _id=(1\d\d|2\d\d|300), thread_id=2, type=1$/);
    const inbox = await sh(phone, 'content query --uri content://sms/inbox --projection type');
    expect(new Set(inbox.stdout.trim().split('\n').map((l) => l.replace(/^Row: \d+ /, '')))).toEqual(new Set(['type=1']));
  });

  it('answers with "No result found." when nothing matches', async () => {
    const result = await sh(phone, 'content query --uri content://sms --where "_id>100000"');
    expect(result).toMatchObject({ stdout: 'No result found.\n', stderr: '', exit: 0 });
  });

  it('contacts data holds several phones, unicode names, a note and a BLOB photo', async () => {
    const result = await sh(phone, "content query --uri content://com.android.contacts/data --projection raw_contact_id:mimetype:data1:data15");
    const rows = result.stdout;
    expect(rows).toContain('mimetype=vnd.android.cursor.item/name, data1=李小龍, data15=NULL');
    expect(rows).toContain('data1=محمد العلي');
    expect(rows).toContain("data1=Seán O'Brien, Jr.");
    expect(rows).toContain('mimetype=vnd.android.cursor.item/photo, data1=NULL, data15=BLOB');
    expect(rows).toMatch(/mimetype=vnd\.android\.cursor\.item\/note, data1=Met at the conference\.\nPrefers e-mail, not calls\., data15=NULL/);
    const phones = [...rows.matchAll(/raw_contact_id=(\d+), mimetype=vnd\.android\.cursor\.item\/phone_v2/g)].map((m) => m[1]);
    expect(phones.length).toBeGreaterThan(12);
    const byMime = await sh(phone, "content query --uri content://com.android.contacts/data --projection mimetype --where \"mimetype='vnd.android.cursor.item/email_v2'\"");
    expect(new Set(byMime.stdout.trim().split('\n').map((l) => l.replace(/^Row: \d+ /, '')))).toEqual(new Set(['mimetype=vnd.android.cursor.item/email_v2']));
  });

  it('reads contact photos and MMS image parts as raw JPEG bytes', async () => {
    const withPhoto = await sh(phone, 'content query --uri content://com.android.contacts/contacts --projection _id:photo_thumb_uri --where "photo_id IS NOT NULL"');
    const id = /_id=(\d+)/.exec(withPhoto.stdout)?.[1];
    expect(id).toBeDefined();
    for (const uri of [`content://com.android.contacts/contacts/${id}/photo`, `content://com.android.contacts/contacts/${id}/display_photo`]) {
      const photo = await sh(phone, `content read --uri ${uri}`);
      expect(photo.exit).toBe(0);
      expect(jpeg.decode(photo.stdoutBytes, { useTArray: true }).width).toBeGreaterThan(0);
    }
    const parts = await sh(phone, "content query --uri content://mms/part --projection _id:mid:ct --where \"ct='image/jpeg'\"");
    const partId = /_id=(\d+)/.exec(parts.stdout)?.[1];
    const image = await sh(phone, `content read --uri content://mms/part/${partId}`);
    expect(jpeg.decode(image.stdoutBytes, { useTArray: true }).width).toBe(160);
  });

  it('has a group MMS with several addresses and a text part', async () => {
    const addresses = await sh(phone, 'content query --uri content://mms/1/addr --projection msg_id:address:type');
    expect(addresses.stdout.trim().split('\n')).toHaveLength(4);
    expect(addresses.stdout).toContain('type=137');
    const parts = await sh(phone, 'content query --uri content://mms/part --projection mid:ct:text --where "mid=1"');
    expect(parts.stdout).toContain('ct=text/plain');
    expect(parts.stdout).toContain('ct=image/jpeg');
  });

  it('call log rejects LIMIT in the sort order but pages with ?limit and ?offset', async () => {
    const rejected = await sh(phone, 'content query --uri content://call_log/calls --sort "_id ASC LIMIT 5"');
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr.split('\n').slice(0, 2)).toEqual(['Error while accessing provider:call_log', 'java.lang.IllegalArgumentException: Invalid token LIMIT']);
    const page = await sh(phone, "content query --uri 'content://call_log/calls?limit=3&offset=2' --projection _id:type:presentation --sort '_id ASC'");
    expect(page.stdout).toBe('Row: 0 _id=3, type=3, presentation=1\nRow: 1 _id=4, type=4, presentation=1\nRow: 2 _id=5, type=5, presentation=1\n');
    const all = await sh(phone, 'content query --uri content://call_log/calls --projection type:presentation');
    for (const type of [1, 2, 3, 4, 5, 6]) expect(all.stdout).toContain(`type=${type},`);
    for (const presentation of [1, 2, 3, 4]) expect(all.stdout).toContain(`presentation=${presentation}\n`);
  });

  it('denies providers listed in faults.denyProviders like a phone that refuses the shell user', async () => {
    const denied = makePhone({ faults: { denyProviders: ['sms', 'call_log'] } });
    const result = await sh(denied, 'content query --uri content://sms --projection _id');
    expect(result.stdout).toBe('');
    // Content.java catches the exception and returns normally: the exit status stays 0.
    expect(result.exit).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Error while accessing provider:sms');
    expect(lines[1]).toMatch(/^java\.lang\.SecurityException: Permission Denial: opening provider com\.android\.providers\.telephony\.SmsProvider from \(null\) \(pid=\d+, uid=2000\) requires android\.permission\.READ_SMS or android\.permission\.WRITE_SMS$/);
    expect(lines[2]).toMatch(/^\tat android\.os\.Parcel\./);
    const contacts = await sh(denied, 'content query --uri content://com.android.contacts/data --projection _id');
    expect(contacts.stdout).toMatch(/^Row: 0 _id=1\n/);
  });

  it('knows MIUI notes only on the miui profile', async () => {
    const pixel = await sh(phone, 'content query --uri content://notes/note');
    expect(pixel.stderr.split('\n').slice(0, 2)).toEqual(['Error while accessing provider:notes', 'java.lang.IllegalStateException: Could not find provider: notes']);
    const miui = makePhone({ profile: 'miui' });
    const notes = await sh(miui, 'content query --uri content://notes/note --projection _id:snippet:modified_date');
    expect(notes.stdout).toMatch(/^Row: 0 _id=1, snippet=Shopping: milk, eggs, bread, modified_date=\d{13}\n/);
    expect(notes.stdout).toContain('snippet=Wi-Fi password for the cottage:\nHarbour-Light-42, modified_date=');
  });

  it('reports SQL mistakes the way SQLite does', async () => {
    const column = await sh(phone, 'content query --uri content://sms --projection nosuch');
    expect(column.stderr).toContain('android.database.sqlite.SQLiteException: no such column: nosuch');
    const syntax = await sh(phone, 'content query --uri content://sms --where "_id >"');
    expect(syntax.stderr).toContain('android.database.sqlite.SQLiteException: incomplete input');
  });
});
