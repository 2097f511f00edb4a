// SMS and MMS (authorities `sms` and `mms`, TelephonyProvider). Rows are derived from the id, so
// 50,000 messages cost nothing until read. Column order follows the `sms`, `pdu`, `part` and
// `addr` tables of AOSP packages/providers/TelephonyProvider MmsSmsDatabaseHelper.java.
import { encodeSmallImage } from '../media/jpeg.ts';
import { hash32, SeededRandom } from '../seeded-random.ts';
import { phoneNumber } from './people.ts';
import type { ProviderTable, Row } from './provider-table.ts';

const SMS_COLUMNS = ['_id', 'thread_id', 'address', 'person', 'date', 'date_sent', 'protocol', 'read', 'status', 'type', 'reply_path_present', 'subject', 'body', 'service_center', 'locked', 'sub_id', 'error_code', 'creator', 'seen'];
const MMS_COLUMNS = ['_id', 'thread_id', 'date', 'date_sent', 'msg_box', 'read', 'm_id', 'sub', 'sub_cs', 'ct_t', 'ct_l', 'm_cls', 'm_type', 'v', 'm_size', 'pri', 'rr', 'tr_id', 'd_rpt', 'locked', 'sub_id', 'seen', 'creator', 'text_only'];
const PART_COLUMNS = ['_id', 'mid', 'seq', 'ct', 'name', 'chset', 'cd', 'fn', 'cid', 'cl', 'ctt_s', 'ctt_t', '_data', 'text'];
const ADDR_COLUMNS = ['_id', 'msg_id', 'contact_id', 'address', 'type', 'charset'];

/** The phone's own number, as "to" in received group MMS. */
export const OWN_NUMBER = '+15550100000';
const TWO_YEARS_MS = 2 * 365 * 86400 * 1000;

/** Bodies that break naive parsers of `content query` output; the first messages carry them. */
export const HOSTILE_BODIES: readonly (string | null)[] = [
  'Hello, world',
  'Line one\nLine two\n\nLine four',
  'Meet at 5, address=+15550000000, type=2, body=fake',
  'Row: 99 _id=1, thread_id=1, body=injected',
  'Emoji 😀👍🏽🇫🇷 family 👨‍👩‍👧‍👦 done',
  'NULL',
  null,
  '',
  'Tab\there, "double" and \'single\' quotes, back\\slash',
  'مرحبا بك — 你好 — Привет — ñandú',
  `Multipart: ${'This message is longer than one SMS segment so the phone split it and joined it again. '.repeat(4)}`,
  'Trailing newline\n',
  'crlf\r\nline',
];

const ORDINARY = [
  'On my way', 'Running 10 minutes late, sorry!', 'Can you call me back?', 'Happy birthday! 🎂',
  'Your code is 482913. Do not share it.', 'Dinner at 8?', 'Thanks, got it.', 'See you tomorrow',
  'The parcel was delivered to your safe place.', 'ok 👍', 'Did you see the game last night?',
];

const SHORT_SENDERS = ['VITRE-BANK', '72465', 'AMAZON'];

interface Thread {
  id: number;
  address: string;
}

function threads(seed: number, contacts: number): Thread[] {
  const people = Math.max(5, Math.min(40, contacts));
  const list: Thread[] = [];
  for (let i = 0; i < people; i += 1) list.push({ id: list.length + 1, address: phoneNumber(seed, i % Math.max(1, contacts), 0) });
  for (const sender of SHORT_SENDERS) list.push({ id: list.length + 1, address: sender });
  return list;
}

function smsType(id: number, random: SeededRandom): number {
  if (id % 211 === 0) return 3; // draft
  if (id % 307 === 0) return 5; // failed
  if (id % 401 === 0) return 4; // outbox
  return random.chance(0.6) ? 1 : 2;
}

export function smsTable(seed: number, count: number, contacts: number, epoch: number): ProviderTable {
  const list = threads(seed, contacts);
  const start = epoch * 1000 - TWO_YEARS_MS;
  const row = (id: number): Row | undefined => {
    if (id < 1 || id > count || !Number.isInteger(id)) return undefined;
    const random = new SeededRandom(seed, 0x5a5, id);
    const thread = list[hash32(seed, 0x7e4d, id) % list.length] as Thread;
    const type = /^[A-Z]/.test(thread.address) ? 1 : smsType(id, random);
    const date = start + Math.floor((id * TWO_YEARS_MS) / (count + 1)) + random.int(0, 999);
    const hostile = id >= 2 && id - 2 < HOSTILE_BODIES.length ? id - 2 : (id % 50 === 7 ? (id / 50) % HOSTILE_BODIES.length : -1);
    const body = hostile >= 0 ? (HOSTILE_BODIES[Math.floor(hostile)] ?? null) : random.pick(ORDINARY);
    const inbox = type === 1;
    return {
      _id: id, thread_id: thread.id, address: thread.address, person: null, date,
      date_sent: inbox ? date - random.int(1000, 20000) : 0, protocol: inbox ? 0 : null, read: 1,
      status: -1, type, reply_path_present: inbox ? 0 : null, subject: null, body,
      service_center: inbox ? '+15550000001' : null, locked: 0, sub_id: 1, error_code: type === 5 ? 1 : 0,
      creator: inbox ? 'com.android.phone' : 'com.google.android.apps.messaging', seen: 1,
    };
  };
  return { sqlName: 'sms', columns: SMS_COLUMNS, maxId: count, row, newestFirst: true };
}

/** MMS: one for every 25 SMS (at least 3); every 5th (and the first) is a group MMS. */
export function mmsCount(messages: number): number {
  return messages === 0 ? 0 : Math.max(3, Math.ceil(messages / 25));
}

function isGroup(id: number): boolean {
  return id % 5 === 1;
}

function hasImage(id: number): boolean {
  return id % 2 === 1;
}

export interface MmsProvider {
  pdu: ProviderTable;
  part: ProviderTable;
  addr: ProviderTable;
  /** Bytes of a part, for `content read --uri content://mms/part/ID`; undefined for text parts. */
  partData(id: number): Uint8Array | undefined;
}

export function mmsProvider(seed: number, messages: number, contacts: number, epoch: number): MmsProvider {
  const count = mmsCount(messages);
  const list = threads(seed, contacts);
  const startSeconds = epoch - TWO_YEARS_MS / 1000;
  const groupThread = list.length + 1;
  const pdu = (id: number): Row | undefined => {
    if (id < 1 || id > count || !Number.isInteger(id)) return undefined;
    const random = new SeededRandom(seed, 0x3335, id);
    const inbox = random.chance(0.6);
    const date = startSeconds + Math.floor((id * (TWO_YEARS_MS / 1000)) / (count + 1));
    const thread = isGroup(id) ? groupThread : (list[hash32(seed, 0x33, id) % list.length] as Thread).id;
    return {
      _id: id, thread_id: thread, date, date_sent: inbox ? date - 5 : 0, msg_box: inbox ? 1 : 2, read: 1,
      m_id: inbox ? `m${hash32(seed, id).toString(36)}@mms.example` : null, sub: id === 1 ? 'Group photo, with "quotes"' : null,
      sub_cs: id === 1 ? 106 : null, ct_t: 'application/vnd.wap.multipart.related', ct_l: null, m_cls: 'personal',
      m_type: inbox ? 132 : 128, v: 18, m_size: hasImage(id) ? 24_000 + (id % 1000) : 300, pri: 129, rr: 129,
      tr_id: `T${hash32(seed, 0x7a, id).toString(16)}`, d_rpt: 129, locked: 0, sub_id: 1, seen: 1,
      creator: inbox ? 'com.android.mms.service' : 'com.google.android.apps.messaging', text_only: hasImage(id) ? 0 : 1,
    };
  };
  // Part ids: 2*mid-1 is the text part, 2*mid the image (present for odd mids only).
  const part = (id: number): Row | undefined => {
    const mid = Math.ceil(id / 2);
    if (mid < 1 || mid > count || !Number.isInteger(id)) return undefined;
    const image = id % 2 === 0;
    if (image && !hasImage(mid)) return undefined;
    const text = HOSTILE_BODIES[(mid - 1) % HOSTILE_BODIES.length] ?? 'Photo attached';
    return {
      _id: id, mid, seq: image ? 1 : 0, ct: image ? 'image/jpeg' : 'text/plain', name: image ? `IMG_${mid}.jpg` : null,
      chset: image ? null : 106, cd: null, fn: null, cid: image ? `<image${mid}>` : `<text_0>`, cl: image ? `IMG_${mid}.jpg` : 'text_0.txt',
      ctt_s: null, ctt_t: null, _data: image ? `/data/user/0/com.android.providers.telephony/app_parts/PART_${1700000000000 + id}` : null,
      text: image ? null : text,
    };
  };
  // Address ids: 4*msg_id-3 .. 4*msg_id; group messages use all four, others two.
  const addr = (id: number): Row | undefined => {
    const msgId = Math.ceil(id / 4);
    const slot = (id - 1) % 4;
    const message = pdu(msgId);
    if (!message || (!isGroup(msgId) && slot > 1)) return undefined;
    const inbox = message.msg_box === 1;
    const other = (k: number): string => phoneNumber(seed, (msgId + k) % Math.max(1, contacts), 0);
    // PduHeaders: 137 FROM, 151 TO, 130 CC. A received message is from someone to us (and others).
    const [address, type] = slot === 0 ? [inbox ? other(0) : OWN_NUMBER, 137] : slot === 1 ? [inbox ? OWN_NUMBER : other(0), 151] : [other(slot), 151];
    return { _id: id, msg_id: msgId, contact_id: null, address, type, charset: 106 };
  };
  return {
    pdu: { sqlName: 'pdu', columns: MMS_COLUMNS, maxId: count, row: pdu, newestFirst: true },
    part: { sqlName: 'part', columns: PART_COLUMNS, maxId: count * 2, row: part, newestFirst: false },
    addr: { sqlName: 'addr', columns: ADDR_COLUMNS, maxId: count * 4, row: addr, newestFirst: false },
    partData: (id) => (part(id)?.ct === 'image/jpeg' ? encodeSmallImage(seed * 17 + id, 160, 120) : undefined),
  };
}
