// Notes from MIUI's notes app (authority `notes`, table `note`: `snippet` holds the text, dates
// in milliseconds). The provider is undocumented and exists only on Xiaomi phones: elsewhere the
// category is "not available on this phone", which is not an error. Written as notes.json (an
// array of {id, created, modified, text}), readable by anything.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Device } from '../device/index.ts';
import type { Category, ExportResult } from './category.ts';
import { queryPaged } from './content-query.ts';
import type { ContentColumn } from './formats/content-row-fields.ts';
import { countRows, exportProvider, scanProvider } from './provider-refusal.ts';

const NOTES_URI = 'content://notes/note';
const NOTE_PROJECTION: ContentColumn[] = [
  { name: '_id', kind: 'integer' },
  { name: 'created_date', kind: 'integer' },
  { name: 'modified_date', kind: 'integer' },
  { name: 'type', kind: 'integer' },
  { name: 'snippet', kind: 'text' },
];

export interface Note {
  id: number;
  created: number;
  modified: number;
  text: string;
}

const noteRows = (device: Device, projection: ContentColumn[], signal?: AbortSignal) =>
  queryPaged(device, { uri: NOTES_URI, projection, ...(signal ? { signal } : {}) });

export async function readNotes(device: Device, signal?: AbortSignal): Promise<Note[]> {
  const notes: Note[] = [];
  for await (const row of noteRows(device, NOTE_PROJECTION, signal)) {
    // type 0 is a note; 1 and 2 are folders (MIUI Notes.TYPE_FOLDER / TYPE_SYSTEM).
    if (row.type !== null && row.type !== '0') continue;
    notes.push({ id: Number(row._id), created: Number(row.created_date ?? 0), modified: Number(row.modified_date ?? 0), text: row.snippet ?? '' });
  }
  return notes;
}

export const notesCategory: Category = {
  name: 'notes',
  scan: ({ device, signal }) => scanProvider('notes', 'Notes', () => countRows(noteRows(device, [{ name: '_id', kind: 'integer' }], signal))),
  exportTo: ({ device, signal }, folder) =>
    exportProvider('Notes', async (): Promise<ExportResult> => {
      const notes = await readNotes(device, signal);
      const file = join(folder, 'notes.json');
      await writeFile(file, `${JSON.stringify(notes, null, 2)}\n`);
      return { state: 'ok', files: [{ name: 'Notes/notes.json', file, items: notes.length }] };
    }),
};
