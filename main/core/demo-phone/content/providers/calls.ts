// The call log (authority call_log, CallLogProvider). Every type 1-6 appears (incoming, outgoing,
// missed, voicemail, rejected, blocked) and every presentation (1 allowed, 2 restricted,
// 3 unknown, 4 payphone). Columns from android.provider.CallLog.Calls.
import { SeededRandom } from '../seeded-random.ts';
import { person, phoneNumber } from './people.ts';
import type { ProviderTable, Row } from './provider-table.ts';

const CALL_COLUMNS = ['_id', 'number', 'presentation', 'post_dial_digits', 'via_number', 'date', 'duration', 'type', 'features', 'subscription_component_name', 'subscription_id', 'phone_account_address', 'name', 'numbertype', 'numberlabel', 'countryiso', 'geocoded_location', 'is_read', 'new', 'last_modified'];
const TWO_YEARS_MS = 2 * 365 * 86400 * 1000;

function callType(id: number, random: SeededRandom): number {
  if (id <= 6) return id;
  const r = random.next();
  return r < 0.4 ? 1 : r < 0.8 ? 2 : r < 0.92 ? 3 : r < 0.95 ? 4 : r < 0.98 ? 5 : 6;
}

function presentation(id: number): number {
  if (id === 7) return 2;
  if (id === 8) return 3;
  if (id === 9) return 4;
  return 1;
}

export function callsTable(seed: number, count: number, contacts: number, epoch: number): ProviderTable {
  const start = epoch * 1000 - TWO_YEARS_MS;
  const row = (id: number): Row | undefined => {
    if (id < 1 || id > count || !Number.isInteger(id)) return undefined;
    const random = new SeededRandom(seed, 0xca11, id);
    const type = callType(id, random);
    const shown = presentation(id);
    const contact = random.int(0, Math.max(0, contacts - 1));
    const known = contacts > 0 && random.chance(0.7);
    const number = shown === 1 ? (known ? phoneNumber(seed, contact, 0) : `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}`) : '';
    const date = start + Math.floor((id * TWO_YEARS_MS) / (count + 1));
    const talked = type === 1 || type === 2 || type === 4;
    return {
      _id: id, number, presentation: shown, post_dial_digits: id === 10 ? ',1234#' : '', via_number: '', date,
      duration: talked ? random.int(1, 3600) : 0, type, features: 0,
      subscription_component_name: 'com.android.phone/com.android.services.telephony.TelephonyConnectionService',
      subscription_id: '1', phone_account_address: '', name: shown === 1 && known ? person(contact).display : null,
      numbertype: known ? 2 : null, numberlabel: null, countryiso: 'US', geocoded_location: shown === 1 ? 'United States' : null,
      is_read: 1, new: type === 3 ? 1 : 0, last_modified: date + 1000,
    };
  };
  // CallLog.Calls.DEFAULT_SORT_ORDER is "date DESC".
  return { sqlName: 'calls', columns: CALL_COLUMNS, maxId: count, row, newestFirst: true };
}
