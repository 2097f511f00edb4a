// The elements of SMS Backup & Restore XML, the de-facto standard for Android messages and calls
// (SyncTech's "Fields in XML Backup Files"). Attribute names are the Android provider columns;
// conventions kept from the app's own files:
//  - a null column is written as the text "null" (e.g. subject="null", toa="null");
//  - dates are milliseconds since the epoch, MMS included (the MMS provider stores seconds:
//    the caller multiplies by 1000);
//  - `readable_date` and `contact_name` are for display only and ignored on restore;
//  - an MMS `address` lists every participant joined by "~"; part bytes are base64 in `data`.
import { escapeAttribute } from './xml-text.ts';

export type XmlValue = string | number | null | undefined;

export interface SmsMessage {
  address: string | null;
  date: number;
  /** 1 received, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued. */
  type: number;
  body: string | null;
  subject?: string | null;
  protocol?: number | null;
  toa?: string | null;
  scToa?: string | null;
  serviceCenter?: string | null;
  read: number;
  status?: number;
  locked?: number;
  dateSent?: number;
  subId?: number;
  readableDate?: string;
  contactName?: string;
}

export interface MmsPart {
  /** -1 for the SMIL layout part, then 0, 1, ... */
  seq: number;
  /** Content type, e.g. text/plain, image/jpeg, application/smil. */
  ct: string;
  name?: string | null;
  /** 106 = UTF-8 (IANA MIBenum). */
  chset?: number | null;
  cd?: string | null;
  fn?: string | null;
  cid?: string | null;
  cl?: string | null;
  cttS?: string | null;
  cttT?: string | null;
  text?: string | null;
  /** The attachment's bytes, written base64; absent for text parts. */
  data?: Uint8Array;
}

export interface MmsAddress {
  address: string;
  /** 137 from, 151 to, 130 cc, 129 bcc (PduHeaders). */
  type: number;
  charset?: number;
}

export interface MmsMessage {
  /** Milliseconds since the epoch. */
  date: number;
  /** 1 inbox, 2 sent, 3 draft, 4 outbox. */
  msgBox: number;
  /** All participants joined by "~". */
  address: string;
  read: number;
  /** Any further columns of the MMS row, by provider column name (m_id, ct_t, m_type, sub, ...). */
  columns?: Record<string, XmlValue>;
  parts: MmsPart[];
  addresses: MmsAddress[];
  readableDate?: string;
  contactName?: string;
}

export interface CallRecord {
  number: string | null;
  /** Seconds. */
  duration: number;
  /** Milliseconds since the epoch. */
  date: number;
  /** 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere. */
  type: number;
  /** 1 allowed, 2 restricted, 3 unknown, 4 payphone. */
  presentation?: number;
  subscriptionId?: string | null;
  postDialDigits?: string | null;
  readableDate?: string;
  contactName?: string;
}

/** Rendered XML plus the number of characters XML could not hold (see xml-text.ts). */
export interface XmlPiece {
  xml: string;
  replaced: number;
}

/** Writes attributes in order; undefined values are left out, null becomes "null". */
export function attributes(pairs: readonly [string, XmlValue][]): XmlPiece {
  let xml = '';
  let replaced = 0;
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    const escaped = escapeAttribute(value === null ? 'null' : String(value));
    xml += ` ${name}="${escaped.text}"`;
    replaced += escaped.replaced;
  }
  return { xml, replaced };
}

export function smsElement(sms: SmsMessage): XmlPiece {
  const attrs = attributes([
    ['protocol', sms.protocol ?? 0],
    ['address', sms.address],
    ['date', sms.date],
    ['type', sms.type],
    ['subject', sms.subject ?? null],
    ['body', sms.body],
    ['toa', sms.toa ?? null],
    ['sc_toa', sms.scToa ?? null],
    ['service_center', sms.serviceCenter ?? null],
    ['read', sms.read],
    ['status', sms.status ?? -1],
    ['locked', sms.locked ?? 0],
    ['date_sent', sms.dateSent ?? 0],
    ['sub_id', sms.subId ?? -1],
    ['readable_date', sms.readableDate],
    ['contact_name', sms.contactName],
  ]);
  return { xml: `  <sms${attrs.xml} />\n`, replaced: attrs.replaced };
}

/** The MMS start tag, its <addrs>, and the <parts> start; parts are written separately (they may be large). */
export function mmsOpening(mms: MmsMessage): XmlPiece {
  const fixed = new Set(['date', 'msg_box', 'address', 'read', 'readable_date', 'contact_name']);
  const extra = Object.entries(mms.columns ?? {}).filter(([name]) => !fixed.has(name));
  const attrs = attributes([
    ['date', mms.date],
    ['msg_box', mms.msgBox],
    ['address', mms.address],
    ['read', mms.read],
    ...extra,
    ['readable_date', mms.readableDate],
    ['contact_name', mms.contactName],
  ]);
  return { xml: `  <mms${attrs.xml}>\n    <parts>\n`, replaced: attrs.replaced };
}

/** A part's attributes before `data`; the writer streams the base64 data after it. */
export function partOpening(part: MmsPart): XmlPiece {
  const attrs = attributes([
    ['seq', part.seq],
    ['ct', part.ct],
    ['name', part.name ?? null],
    ['chset', part.chset ?? null],
    ['cd', part.cd ?? null],
    ['fn', part.fn ?? null],
    ['cid', part.cid ?? null],
    ['cl', part.cl ?? null],
    ['ctt_s', part.cttS ?? null],
    ['ctt_t', part.cttT ?? null],
    ['text', part.text ?? null],
  ]);
  return { xml: `      <part${attrs.xml}`, replaced: attrs.replaced };
}

export function mmsClosing(mms: MmsMessage): XmlPiece {
  let xml = '    </parts>\n    <addrs>\n';
  let replaced = 0;
  for (const address of mms.addresses) {
    const attrs = attributes([
      ['address', address.address],
      ['type', address.type],
      ['charset', address.charset ?? 106],
    ]);
    xml += `      <addr${attrs.xml} />\n`;
    replaced += attrs.replaced;
  }
  return { xml: `${xml}    </addrs>\n  </mms>\n`, replaced };
}

export function callElement(call: CallRecord): XmlPiece {
  const attrs = attributes([
    ['number', call.number],
    ['duration', call.duration],
    ['date', call.date],
    ['type', call.type],
    ['presentation', call.presentation ?? 1],
    ['subscription_id', call.subscriptionId ?? null],
    ['post_dial_digits', call.postDialDigits ?? ''],
    ['readable_date', call.readableDate],
    ['contact_name', call.contactName],
  ]);
  return { xml: `  <call${attrs.xml} />\n`, replaced: attrs.replaced };
}
