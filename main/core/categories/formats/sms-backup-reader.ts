// Reads SMS Backup & Restore XML back, one message or call at a time, for showing a backup's
// threads and call log. A file can hold years of messages with their MMS attachments (hundreds of
// megabytes of base64): it is streamed, and attachment bytes are counted, never kept.
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface StoredMessage {
  kind: 'sms' | 'mms';
  /** The other party; for a group MMS, every participant joined by "~". */
  address: string;
  contactName: string;
  /** Milliseconds since the epoch. */
  date: number;
  direction: 'received' | 'sent' | 'draft' | 'other';
  /** The SMS body, or an MMS's text parts joined by a line break. */
  text: string;
  /** Pictures, videos and other files attached to an MMS. */
  attachments: number;
}

export interface StoredCall {
  number: string;
  contactName: string;
  date: number;
  /** Seconds. */
  duration: number;
  type: 'incoming' | 'outgoing' | 'missed' | 'voicemail' | 'rejected' | 'blocked' | 'other';
}

export type StoredRecord = { kind: 'message'; message: StoredMessage } | { kind: 'call'; call: StoredCall };

// The app writes "null" for a column the provider left empty.
function text(value: string | undefined): string {
  return value === undefined || value === 'null' ? '' : value;
}

function number(value: string | undefined): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

// sms `type` (Telephony.TextBasedSmsColumns) and mms `msg_box` share 1 = inbox, 2 = sent, 3 = draft.
function direction(box: number): StoredMessage['direction'] {
  return box === 1 ? 'received' : box === 2 ? 'sent' : box === 3 ? 'draft' : 'other';
}

const CALL_TYPES: Record<number, StoredCall['type']> = { 1: 'incoming', 2: 'outgoing', 3: 'missed', 4: 'voicemail', 5: 'rejected', 6: 'blocked' };

/**
 * Calls `visit` for each message and call of an SMS Backup & Restore file, in file order.
 * Rejects with the parser's position when the file is not well-formed XML.
 */
export async function readSmsBackup(path: string, visit: (record: StoredRecord) => void): Promise<void> {
  const parser = new SaxesParser();
  let mms: StoredMessage | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const a = tag.attributes;
    switch (tag.name) {
      case 'sms':
        visit({ kind: 'message', message: {
          kind: 'sms', address: text(a.address), contactName: contactName(a.contact_name), date: number(a.date),
          direction: direction(number(a.type)), text: text(a.body), attachments: 0,
        } });
        break;
      case 'mms':
        mms = {
          kind: 'mms', address: text(a.address), contactName: contactName(a.contact_name), date: number(a.date),
          direction: direction(number(a.msg_box)), text: '', attachments: 0,
        };
        break;
      case 'part':
        if (mms) addPart(mms, a);
        break;
      case 'call':
        visit({ kind: 'call', call: {
          number: text(a.number), contactName: contactName(a.contact_name), date: number(a.date),
          duration: number(a.duration), type: CALL_TYPES[number(a.type)] ?? 'other',
        } });
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'mms' && mms) {
      visit({ kind: 'message', message: mms });
      mms = undefined;
    }
  });
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string);
    if (failure) throw notReadable(path, failure);
  }
  parser.close();
  if (failure) throw notReadable(path, failure);
}

// The app's placeholder for "no contact" is "(Unknown)".
function contactName(value: string | undefined): string {
  const name = text(value);
  return name === '(Unknown)' ? '' : name;
}

function addPart(message: StoredMessage, a: Record<string, string>): void {
  const type = text(a.ct).toLowerCase();
  if (type === 'application/smil') return;
  if (type === 'text/plain') {
    const body = text(a.text);
    if (body) message.text = message.text ? `${message.text}\n${body}` : body;
    return;
  }
  message.attachments += 1;
}

function notReadable(path: string, cause: Error): Error {
  return new Error(`${path} is not a readable SMS Backup & Restore file: ${cause.message}`, { cause });
}
