// Call log → SMS Backup & Restore calls file (calls.xml). CallLogProvider refuses LIMIT in the
// sort order, so pages are asked for with `?limit=` on the URI (see content-query.ts).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Device } from '../device/index.ts';
import type { Category, ExportResult } from './category.ts';
import { queryPaged } from './content-query.ts';
import type { ContentColumn } from './formats/content-row-fields.ts';
import { CallsXmlWriter } from './formats/sms-backup-writer.ts';
import { countRows, exportProvider, scanProvider } from './provider-refusal.ts';

const int = (name: string): ContentColumn => ({ name, kind: 'integer' });
const text = (name: string): ContentColumn => ({ name, kind: 'text' });
const CALLS_URI = 'content://call_log/calls';
const CALL_PROJECTION = [int('_id'), text('number'), int('date'), text('subscription_id'), int('duration'), text('post_dial_digits'), int('type'), text('name'), int('presentation')];

const callRows = (device: Device, projection: ContentColumn[], signal?: AbortSignal) =>
  queryPaged(device, { uri: CALLS_URI, projection, limitIn: 'uri', ...(signal ? { signal } : {}) });

/** Writes every call to `file`; `onItem` hears of each one written, for progress. */
export async function exportCalls(device: Device, file: string, backupDate: number, signal?: AbortSignal, onItem?: () => void): Promise<number> {
  const writer = await CallsXmlWriter.create(file, { backupSet: randomUUID(), backupDate });
  try {
    for await (const row of callRows(device, CALL_PROJECTION, signal)) {
      await writer.writeCall({
        number: row.number ?? null,
        duration: Number(row.duration ?? 0),
        date: Number(row.date ?? 0),
        type: Number(row.type ?? 1),
        presentation: Number(row.presentation ?? 1),
        subscriptionId: row.subscription_id ?? null,
        postDialDigits: row.post_dial_digits ?? '',
        ...(row.name ? { contactName: row.name } : {}),
      });
      onItem?.();
    }
    return (await writer.finish()).count;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export const callsCategory: Category = {
  name: 'calls',
  scan: ({ device, signal }) => scanProvider('calls', 'Calls', () => countRows(callRows(device, [int('_id')], signal))),
  exportTo: ({ device, signal, onItem }, folder, backupDate) =>
    exportProvider('Calls', async (): Promise<ExportResult> => {
      const file = join(folder, 'calls.xml');
      const items = await exportCalls(device, file, backupDate, signal, onItem);
      return { state: 'ok', files: [{ name: 'Calls/calls.xml', file, items }] };
    }),
};
