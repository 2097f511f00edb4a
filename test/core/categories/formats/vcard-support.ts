// Reads vCards back into contacts through ical.js (an independent, maintained parser), for the
// round-trip tests: "the vCard re-parses to the same contacts".
import ICAL from 'ical.js';
import { emptyContact, type Contact, type LabeledValue } from '../../../../main/core/categories/formats/contact.ts';

type Property = [string, Record<string, string | string[] | undefined>, string, ...unknown[]];

// ical.js reads 3.0 text with vCard 4's rule (RFC 6350 §3.4: `\;` only in compound values), so it
// leaves `\;` in single text values; RFC 2426 §4 requires that escape, so undo it here.
function text(value: unknown): string {
  return String(value).replace(/\\;/g, ';');
}

/** Unescapes a value ical.js does not know (X-ABLabel, X-ABDATE): RFC 2426 text rules. */
function unknownText(value: unknown): string {
  return String(value).replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function typesOf(property: Property): { types: string[]; preferred: boolean } {
  const raw = property[1].type;
  const all = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return { types: all.filter((t) => t !== 'PREF'), preferred: all.includes('PREF') };
}

function components(value: unknown, count: number): string[] {
  const parts = Array.isArray(value) ? value.map(String) : [String(value)];
  return Array.from({ length: count }, (_, i) => parts[i] ?? '');
}

/** Parses a file of vCards into contacts (ids are not in vCards: they come back empty). */
export function readVCards(vcf: string): Contact[] {
  const parsed = ICAL.parse(vcf) as unknown[];
  const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as [string, Property[]][];
  return cards.map(([, properties]) => toContact(properties));
}

function toContact(properties: Property[]): Contact {
  const contact = emptyContact('');
  const labels = new Map<string, string>();
  for (const p of properties) if (p[0] === 'x-ablabel' && p[1].group) labels.set(String(p[1].group), unknownText(p[3]));
  const labelOf = (p: Property) => (p[1].group ? { label: labels.get(String(p[1].group))! } : {});
  for (const p of properties) {
    const value = p[3];
    switch (p[0]) {
      case 'n': {
        const [family, given, middle, prefix, suffix] = components(value, 5);
        contact.name = { ...contact.name, family: family!, given: given!, middle: middle!, prefix: prefix!, suffix: suffix! };
        break;
      }
      case 'fn':
        contact.name.formatted = text(value);
        break;
      case 'tel':
      case 'email': {
        const entry: LabeledValue = { value: text(value), ...typesOf(p), ...labelOf(p) };
        (p[0] === 'tel' ? contact.phones : contact.emails).push(entry);
        break;
      }
      case 'adr': {
        const [poBox, extended, street, locality, region, postalCode, country] = components(value, 7);
        contact.addresses.push({
          ...typesOf(p), ...labelOf(p), poBox: poBox!, extended: extended!, street: street!, locality: locality!,
          region: region!, postalCode: postalCode!, country: country!,
        });
        break;
      }
      case 'org': {
        const [company, department] = components(value, 2);
        contact.organizations.push({ company: company!, department: department!, title: '' });
        break;
      }
      case 'title':
        contact.organizations.at(-1)!.title = text(value);
        break;
      case 'nickname':
        contact.nicknames.push(text(value));
        break;
      case 'note':
        contact.notes.push(text(value));
        break;
      case 'url':
        contact.websites.push(String(value));
        break;
      case 'bday':
        contact.events.push({ date: String(value), kind: 'birthday' });
        break;
      case 'x-abdate': {
        const label = labels.get(String(p[1].group));
        const kind = label === '_$!<Anniversary>!$_' ? 'anniversary' : 'other';
        contact.events.push({ date: unknownText(value), kind, ...(kind === 'other' && label !== 'Other' ? { label: label! } : {}) });
        break;
      }
      case 'photo':
        contact.photoJpeg = new Uint8Array(Buffer.from(String(value), 'base64'));
        break;
      default:
        break;
    }
  }
  return contact;
}
