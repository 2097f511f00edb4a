// The people on the demo phone: names in many scripts (the cases vCard export and file names
// get wrong), their numbers and e-mail addresses, derived from the seed and the contact's index.
import { hash32 } from '../seeded-random.ts';

export interface Person {
  given: string;
  family: string;
  display: string;
  /** ASCII-ish handle for e-mail addresses. */
  handle: string;
}

const PEOPLE: Array<[given: string, family: string, handle: string]> = [
  ['Anna', 'Schmidt', 'anna.schmidt'],
  ['José', 'Núñez', 'jose.nunez'],
  ['李', '小龍', 'li.xiaolong'],
  ['محمد', 'العلي', 'mohammed.alali'],
  ['Zoë', 'Åkesson', 'zoe.akesson'],
  ['Seán', "O'Brien, Jr.", 'sean.obrien'],
  ['田中', '太郎', 'tanaka.taro'],
  ['Иван', 'Петров', 'ivan.petrov'],
  ['Nguyễn', 'Văn An', 'nguyen.an'],
  ['Mom', '❤️', 'mom'],
  ['Émilie', 'Dubois-Lefèvre', 'emilie.dubois'],
  ['Priya', 'Raghunathan', 'priya.r'],
  ['Olumide', 'Adeyemi', 'olumide.a'],
  ['Γιώργος', 'Παπαδόπουλος', 'giorgos.p'],
  ['Dr. Sarah', 'Müller', 'sarah.mueller'],
  ['Kwame', 'Mensah', 'kwame.mensah'],
  ['👨‍👩‍👧 Family', 'Group', 'family'],
  ['Lucía', 'Fernández', 'lucia.f'],
  ['Jan', 'Nowak', 'jan.nowak'],
  ['Amélie', 'Côté', 'amelie.cote'],
  ['Hiroshi', 'Yamamoto', 'hiroshi.y'],
  ['Fatima', 'Zahra', 'fatima.zahra'],
  ['Björn', 'Þórsson', 'bjorn.thorsson'],
  ['Chloé', 'Martin', 'chloe.martin'],
  ['Ahmed', 'Hassan', 'ahmed.hassan'],
];

/** Scripts written family-name first, where the display name has no space (CJK). */
function familyFirst(given: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff]/u.test(given);
}

export function person(index: number): Person {
  const [given, family, handle] = PEOPLE[index % PEOPLE.length] as [string, string, string];
  const round = Math.floor(index / PEOPLE.length);
  const suffix = round > 0 ? ` ${round + 1}` : '';
  const display = familyFirst(given) ? `${given}${family}${suffix}` : `${given} ${family}${suffix}`;
  return { given, family: `${family}${suffix}`, display, handle: round > 0 ? `${handle}${round + 1}` : handle };
}

/** A number in E.164 form (what the phone stores after normalising). */
export function phoneNumber(seed: number, index: number, which: number): string {
  const h = hash32(seed, 0x9404e, index, which);
  const countries = ['+1555', '+33 6', '+49 151', '+44 7700', '+86 138'];
  const country = countries[(index + which) % countries.length] as string;
  return `${country}${String(h % 10_000_000).padStart(7, '0')}`.replace(' ', '');
}

/** How a user typed the number (with spaces and punctuation). */
export function typedNumber(e164: string): string {
  if (e164.startsWith('+1555')) return `(555) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  return e164.replace(/^(\+\d{2})(\d{1,3})(\d{3})(\d+)$/, '$1 $2 $3 $4');
}
