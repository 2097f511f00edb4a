// MIUI Notes (authority `notes`, com.miui.notes): an undocumented provider whose `note` table
// holds a `snippet` (the text) and dates in milliseconds. Only on the miui profile.
import { SeededRandom } from '../seeded-random.ts';
import { fixedTable, type ProviderTable, type Row } from './provider-table.ts';

const NOTE_COLUMNS = ['_id', 'parent_id', 'alert_date', 'bg_color_id', 'created_date', 'has_attachment', 'modified_date', 'notes_count', 'snippet', 'type', 'widget_id', 'widget_type', 'sync_id', 'local_modified', 'origin_parent_id', 'gtask_id', 'version'];

const SNIPPETS = [
  'Shopping: milk, eggs, bread',
  'Wi-Fi password for the cottage:\nHarbour-Light-42',
  'Ideas for the trip, snippet=fake, _id=999',
  '会议记录：周一上午十点',
  'Books to read 📚\n- Dune\n- Piranesi',
  'Passport renewal — bring 2 photos',
];

export function notesTable(seed: number, epoch: number): ProviderTable {
  const rows: Row[] = SNIPPETS.map((snippet, i) => {
    const random = new SeededRandom(seed, 0x2073, i);
    const created = (epoch - random.int(30, 700) * 86400) * 1000;
    return {
      _id: i + 1, parent_id: 0, alert_date: 0, bg_color_id: random.int(0, 4), created_date: created, has_attachment: 0,
      modified_date: created + random.int(0, 30) * 86400 * 1000, notes_count: 0, snippet, type: 0, widget_id: 0,
      widget_type: -1, sync_id: 0, local_modified: 1, origin_parent_id: 0, gtask_id: null, version: random.int(1, 9),
    };
  });
  return fixedTable('note', NOTE_COLUMNS, rows);
}
