// Writes contacts as vCard 3.0 (RFC 2426), the version Android's importer, Google Contacts and
// iOS all read (Android tries 2.1 then 3.0, never 4.0). UTF-8, CRLF line ends, N and FN always
// (RFC 2426 §3.1.1, §3.1.2 make both mandatory in 3.0), text escaped as `\\ \, \; \n` (§5, "text"),
// lines folded at 75 octets (§2.6 via RFC 2425 §5.8.1) without splitting a UTF-8 sequence.
// A custom label is written Apple's way (`item1.TEL` + `item1.X-ABLabel`), which Google Contacts
// and iOS both read back; plain TYPE parameters cannot hold arbitrary text in 3.0.
import type { Contact, ContactEvent, LabeledValue, PostalAddress } from './contact.ts';

const MAX_OCTETS = 75;

/** Escapes a text value (or one component of a structured value). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a logical line into physical lines of at most 75 octets, each continuation led by a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** Builds the logical lines of one card, grouping labelled values as item1, item2, ... */
class CardLines {
  readonly lines: string[] = ['BEGIN:VCARD', 'VERSION:3.0'];
  #group = 0;

  add(name: string, value: string, params: string[] = []): void {
    this.lines.push(`${[name, ...params].join(';')}:${value}`);
  }

  addLabelled(name: string, value: string, params: string[], label: string | undefined): void {
    if (label === undefined) {
      this.add(name, value, params);
      return;
    }
    this.#group += 1;
    this.add(`item${this.#group}.${name}`, value, params);
    this.add(`item${this.#group}.X-ABLabel`, escapeText(label));
  }
}

function typeParams(types: readonly string[], preferred: boolean): string[] {
  const all = preferred ? [...types, 'PREF'] : [...types];
  return all.length ? [`TYPE=${all.join(',')}`] : [];
}

function formattedName(contact: Contact): string {
  const { name } = contact;
  if (name.formatted) return name.formatted;
  const composed = [name.prefix, name.given, name.middle, name.family, name.suffix].filter(Boolean).join(' ');
  return composed || contact.organizations[0]?.company || contact.phones[0]?.value || contact.emails[0]?.value || '';
}

/**
 * TEL holds a phone-number value, not text (RFC 2426 §3.3.1), and Android dial strings use ',' for
 * a pause and ';' for a wait: written as they are, they stay dialable. Only a line break, which
 * cannot be inside a content line, becomes a space.
 */
export function phoneNumberValue(number: string): string {
  return number.replace(/\r\n|\r|\n/g, ' ');
}

function addValues(card: CardLines, property: 'TEL' | 'EMAIL', values: readonly LabeledValue[]): void {
  for (const v of values) {
    const value = property === 'TEL' ? phoneNumberValue(v.value) : escapeText(v.value);
    card.addLabelled(property, value, typeParams(v.types, v.preferred), v.label);
  }
}

function addAddresses(card: CardLines, addresses: readonly PostalAddress[]): void {
  for (const a of addresses) {
    const parts = [a.poBox, a.extended, a.street, a.locality, a.region, a.postalCode, a.country];
    card.addLabelled('ADR', parts.map(escapeText).join(';'), typeParams(a.types, a.preferred), a.label);
  }
}

function addEvents(card: CardLines, events: readonly ContactEvent[]): void {
  for (const event of events) {
    if (event.kind === 'birthday') card.add('BDAY', escapeText(event.date));
    else card.addLabelled('X-ABDATE', escapeText(event.date), [], event.label ?? (event.kind === 'anniversary' ? '_$!<Anniversary>!$_' : 'Other'));
  }
}

/** One contact as a vCard 3.0 card, CRLF line ends, folded. */
export function writeVCard(contact: Contact): string {
  const card = new CardLines();
  const n = contact.name;
  card.add('N', [n.family, n.given, n.middle, n.prefix, n.suffix].map(escapeText).join(';'));
  card.add('FN', escapeText(formattedName(contact)));
  for (const nickname of contact.nicknames) card.add('NICKNAME', escapeText(nickname));
  addValues(card, 'TEL', contact.phones);
  addValues(card, 'EMAIL', contact.emails);
  addAddresses(card, contact.addresses);
  for (const org of contact.organizations) {
    card.add('ORG', [org.company, org.department].map(escapeText).join(';'));
    if (org.title) card.add('TITLE', escapeText(org.title));
  }
  // URL is a URI value (RFC 2426 §3.6.8): not text-escaped; a line break cannot be part of one.
  for (const url of contact.websites) card.add('URL', url.replace(/[\r\n]+/g, ''));
  addEvents(card, contact.events);
  for (const note of contact.notes) card.add('NOTE', escapeText(note));
  if (contact.photoJpeg) {
    card.add('PHOTO', Buffer.from(contact.photoJpeg).toString('base64'), ['ENCODING=b', 'TYPE=JPEG']);
  }
  card.add('END', 'VCARD');
  return `${card.lines.map(foldLine).join('\r\n')}\r\n`;
}
