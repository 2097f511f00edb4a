// From `content query` rows of the SMS and call log providers to SMS Backup & Restore records.
// The projections put a number column after every text column: message text holding ", date="
// or "\nRow: 3 _id=" then reads back exactly; only text imitating a whole column with a number
// (", type=2, subject=") is ambiguous, and is read the earliest way (see content-rows.ts). Column names are
// Telephony.TextBasedSmsColumns and CallLog.Calls (frameworks/base/core/java/android/provider/).
import type { ContentColumn } from './content-row-fields.ts';
import type { ContentRow } from './content-rows.ts';
import type { CallRecord, SmsMessage } from './sms-backup-xml.ts';

function columns(pairs: readonly (readonly [string, 'integer' | 'text'])[]): readonly ContentColumn[] {
  return pairs.map(([name, kind]) => ({ name, kind }));
}

/** `content://sms`, paged by `_id` (`--where "_id>N" --sort "_id ASC"`). */
export const SMS_PROJECTION = columns([
  ['_id', 'integer'],
  ['address', 'text'],
  ['date', 'integer'],
  ['body', 'text'],
  ['type', 'integer'],
  ['subject', 'text'],
  ['thread_id', 'integer'],
  ['service_center', 'text'],
  ['date_sent', 'integer'],
  ['protocol', 'integer'],
  ['read', 'integer'],
  ['status', 'integer'],
  ['locked', 'integer'],
  ['sub_id', 'integer'],
]);

/** `content://call_log/calls`; its provider rejects LIMIT in --sort, so page with ?limit=&offset= on the URI. */
export const CALL_PROJECTION = columns([
  ['_id', 'integer'],
  ['number', 'text'],
  ['date', 'integer'],
  ['post_dial_digits', 'text'],
  ['duration', 'integer'],
  ['subscription_id', 'text'],
  ['type', 'integer'],
  ['name', 'text'],
  ['presentation', 'integer'],
]);

function integer(row: ContentRow, column: string, fallback: number): number {
  const value = row[column];
  if (value === null || value === undefined) return fallback;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : fallback;
}

function integerOrNull(row: ContentRow, column: string): number | null {
  const value = row[column];
  return value === null || value === undefined ? null : integer(row, column, 0);
}

/**
 * A text column where the provider's "NULL" means no value (an absent subject or service centre,
 * which SMS Backup & Restore writes as "null"). A body is kept as printed: see content-row-fields.ts.
 */
function optionalText(row: ContentRow, column: string): string | null {
  const value = row[column];
  return value === undefined || value === null || value === 'NULL' ? null : value;
}

export function smsFromRow(row: ContentRow): SmsMessage {
  return {
    protocol: integerOrNull(row, 'protocol'),
    address: optionalText(row, 'address'),
    date: integer(row, 'date', 0),
    type: integer(row, 'type', 1),
    subject: optionalText(row, 'subject'),
    body: row.body ?? null,
    serviceCenter: optionalText(row, 'service_center'),
    read: integer(row, 'read', 0),
    status: integer(row, 'status', -1),
    locked: integer(row, 'locked', 0),
    dateSent: integer(row, 'date_sent', 0),
    subId: integer(row, 'sub_id', -1),
  };
}

export function callFromRow(row: ContentRow): CallRecord {
  const name = optionalText(row, 'name');
  return {
    number: row.number ?? null,
    duration: integer(row, 'duration', 0),
    date: integer(row, 'date', 0),
    type: integer(row, 'type', 1),
    presentation: integer(row, 'presentation', 1),
    subscriptionId: optionalText(row, 'subscription_id'),
    postDialDigits: optionalText(row, 'post_dial_digits') ?? '',
    ...(name ? { contactName: name } : {}),
  };
}
