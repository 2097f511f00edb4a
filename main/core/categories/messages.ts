// Messages → one SMS Backup & Restore file (sms.xml): every SMS, then every MMS with its parts
// (attachments read with `content read`, base64 in the file) and addresses. Dates: the sms table
// stores milliseconds, the pdu table seconds (Telephony.BaseMmsColumns.DATE), the file wants ms.
// Every `content` command starts a Java runtime of its own on the phone, so the MMS are read with
// as few as the providers allow: the parts of 100 messages in one query (MmsProvider lists
// all parts at content://mms/part), the addresses one query per message (it offers them only
// under content://mms/ID/addr), each attachment one read; and a few messages are read ahead of
// the one being written, for the phone to answer several commands at once.
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Device } from '../device/index.ts';
import type { Category, ExportResult } from './category.ts';
import { queryPaged, readContent } from './content-query.ts';
import { inOrder } from './in-order.ts';
import type { ContentColumn } from './formats/content-row-fields.ts';
import type { ContentRow } from './formats/content-rows.ts';
import { MessagesXmlWriter } from './formats/sms-backup-writer.ts';
import type { MmsAddress, MmsMessage, MmsPart, SmsMessage } from './formats/sms-backup-xml.ts';
import { countRows, exportProvider, scanProvider } from './provider-refusal.ts';

const int = (name: string): ContentColumn => ({ name, kind: 'integer' });
const text = (name: string): ContentColumn => ({ name, kind: 'text' });

// Text columns sit between integer columns (and the body last), so a body holding ", subject="
// cannot shift the split (see formats/content-rows.ts).
const SMS_PROJECTION = [int('_id'), text('address'), int('date'), int('date_sent'), int('type'), int('read'), int('status'), text('subject'), int('protocol'), text('service_center'), int('locked'), int('sub_id'), text('body')];
const MMS_PROJECTION = [int('_id'), text('m_id'), int('date'), int('date_sent'), int('msg_box'), int('read'), text('sub'), int('sub_cs'), text('ct_t'), int('m_type'), text('m_cls'), int('v'), text('tr_id'), int('m_size'), int('pri'), int('rr'), int('d_rpt'), int('locked'), int('sub_id'), int('seen'), int('text_only')];
const PART_PROJECTION = [int('_id'), text('ct'), int('mid'), text('name'), int('seq'), text('cl'), int('chset'), text('cid'), text('cd'), text('fn'), text('ctt_s'), text('ctt_t'), text('text')];
const ADDR_PROJECTION = [int('_id'), text('address'), int('type'), int('charset')];

const number = (row: ContentRow, column: string, fallback = 0): number => (row[column] == null ? fallback : Number(row[column]));

function toSms(row: ContentRow): SmsMessage {
  return {
    address: row.address ?? null,
    date: number(row, 'date'),
    type: number(row, 'type', 1),
    body: row.body ?? null,
    subject: row.subject ?? null,
    protocol: row.protocol == null ? null : Number(row.protocol),
    serviceCenter: row.service_center ?? null,
    read: number(row, 'read'),
    status: number(row, 'status', -1),
    locked: number(row, 'locked'),
    dateSent: number(row, 'date_sent'),
    subId: number(row, 'sub_id', -1),
  };
}

/**
 * MMS whose parts one query asks for. Their ids go on the command line, which a phone before
 * Android 7 takes in one packet of at most 4 KiB (MAX_PAYLOAD_V1): 100 ids of up to 10 digits
 * stay far below.
 */
const MMS_PER_PARTS_QUERY = 100;

/**
 * MMS read ahead of the one being written. Memory stays this many messages' attachments deep;
 * 4 lets a phone run a few commands at once without crowding it.
 */
const MMS_AHEAD = 4;

async function toMms(device: Device, row: ContentRow, partRows: readonly ContentRow[], signal?: AbortSignal): Promise<MmsMessage> {
  const id = row._id as string;
  const parts: MmsPart[] = [];
  for (const part of partRows) {
    const ct = part.ct ?? 'application/octet-stream';
    const hasText = ct === 'text/plain' || ct === 'application/smil';
    const data = hasText ? undefined : await readContent(device, `content://mms/part/${part._id}`, signal);
    parts.push({
      seq: number(part, 'seq'), ct, name: part.name ?? null, chset: part.chset == null ? null : Number(part.chset),
      cd: part.cd ?? null, fn: part.fn ?? null, cid: part.cid ?? null, cl: part.cl ?? null,
      cttS: part.ctt_s ?? null, cttT: part.ctt_t ?? null, text: part.text ?? null, ...(data ? { data } : {}),
    });
  }
  const addresses: MmsAddress[] = [];
  for await (const addr of queryPaged(device, { uri: `content://mms/${id}/addr`, projection: ADDR_PROJECTION, ...(signal ? { signal } : {}) })) {
    addresses.push({ address: addr.address ?? '', type: number(addr, 'type', 151), charset: number(addr, 'charset', 106) });
  }
  const columns: Record<string, string | number | null> = {};
  for (const column of MMS_PROJECTION) {
    if (['_id', 'date', 'msg_box', 'read'].includes(column.name)) continue;
    const value = row[column.name] ?? null;
    columns[column.name] = column.kind === 'integer' && value !== null ? Number(value) : value;
  }
  columns.date_sent = number(row, 'date_sent');
  return {
    date: number(row, 'date') * 1000,
    msgBox: number(row, 'msg_box', 1),
    address: [...new Set(addresses.map((a) => a.address).filter(Boolean))].join('~'),
    read: number(row, 'read'),
    columns,
    parts,
    addresses,
  };
}

const smsRows = (device: Device, signal?: AbortSignal) => queryPaged(device, { uri: 'content://sms', projection: SMS_PROJECTION, ...(signal ? { signal } : {}) });
const mmsRows = (device: Device, signal?: AbortSignal) => queryPaged(device, { uri: 'content://mms', projection: MMS_PROJECTION, ...(signal ? { signal } : {}) });

/** A message id as one number, the same whether it came from the pdu table (_id) or the part table (mid). */
const messageKey = (id: string | null | undefined): string => String(Number(id));

/** The parts of the messages `ids` (integers from the phone's own key column), by messageKey, in part order. */
async function partsOf(device: Device, ids: readonly string[], signal?: AbortSignal): Promise<Map<string, ContentRow[]>> {
  const byMessage = new Map<string, ContentRow[]>();
  const where = `mid IN (${ids.map(messageKey).join(',')})`;
  for await (const part of queryPaged(device, { uri: 'content://mms/part', projection: PART_PROJECTION, where, ...(signal ? { signal } : {}) })) {
    const mid = messageKey(part.mid);
    const parts = byMessage.get(mid);
    if (parts) parts.push(part);
    else byMessage.set(mid, [part]);
  }
  return byMessage;
}

/** `items` in groups of `size`, as they come. */
async function* inGroups<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let group: T[] = [];
  for await (const item of items) {
    group.push(item);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

async function writeAllMms(device: Device, writer: MessagesXmlWriter, signal?: AbortSignal, onItem?: () => void): Promise<void> {
  for await (const page of inGroups(mmsRows(device, signal), MMS_PER_PARTS_QUERY)) {
    const parts = await partsOf(device, page.map((row) => row._id as string), signal);
    await inOrder(page, MMS_AHEAD, (row) => toMms(device, row, parts.get(messageKey(row._id)) ?? [], signal), async (mms) => {
      await writer.writeMms(mms);
      onItem?.();
    });
  }
}

/** Writes every message to `file`; `onItem` hears of each one written, for progress. */
export async function exportMessages(device: Device, file: string, backupDate: number, signal?: AbortSignal, onItem?: () => void): Promise<number> {
  const writer = await MessagesXmlWriter.create(file, { backupSet: randomUUID(), backupDate });
  try {
    for await (const row of smsRows(device, signal)) {
      await writer.writeSms(toSms(row));
      onItem?.();
    }
    await writeAllMms(device, writer, signal, onItem);
    return (await writer.finish()).count;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export const messagesCategory: Category = {
  name: 'messages',
  scan: ({ device, signal }) =>
    scanProvider('messages', 'Messages', async () => {
      const idOnly = [int('_id')];
      const sms = await countRows(queryPaged(device, { uri: 'content://sms', projection: idOnly, ...(signal ? { signal } : {}) }));
      const mms = await countRows(queryPaged(device, { uri: 'content://mms', projection: idOnly, ...(signal ? { signal } : {}) }));
      return sms + mms;
    }),
  exportTo: ({ device, signal, onItem }, folder, backupDate) =>
    exportProvider('Messages', async (): Promise<ExportResult> => {
      const file = join(folder, 'sms.xml');
      const items = await exportMessages(device, file, backupDate, signal, onItem);
      return { state: 'ok', files: [{ name: 'Messages/sms.xml', file, items }] };
    }),
};
