// Reads a backup's contacts.vcf back, one contact at a time, for showing who is in a snapshot:
// names, phone numbers, e-mail addresses and organization. Photos (large base64 lines) are
// skipped, and the file is streamed, so a 10,000-contact file with photos stays small in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface StoredContact {
  name: string;
  phones: string[];
  emails: string[];
  organization: string;
}

/** RFC 2426 §5: `\n` `\N` `\,` `\;` `\\` in text values. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a compound value (N, ORG) on the semicolons that are not escaped. */
function components(value: string): string[] {
  return value.split(/(?<!\\);/).map(unescapeText);
}

function contactFrom(lines: string[]): StoredContact {
  const contact: StoredContact = { name: '', phones: [], emails: [], organization: '' };
  let structuredName = '';
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    // "item1.TEL;TYPE=CELL" → TEL: groups and parameters do not change what is shown.
    const property = line.slice(0, colon).split(';')[0]!.split('.').pop()!.toUpperCase();
    const value = line.slice(colon + 1);
    switch (property) {
      case 'FN': contact.name = unescapeText(value).trim(); break;
      case 'N': {
        const [family = '', given = '', additional = ''] = components(value);
        structuredName = [given, additional, family].filter(Boolean).join(' ');
        break;
      }
      case 'TEL': if (value.trim()) contact.phones.push(unescapeText(value).trim()); break;
      case 'EMAIL': if (value.trim()) contact.emails.push(unescapeText(value).trim()); break;
      case 'ORG': contact.organization = components(value).filter(Boolean).join(', '); break;
    }
  }
  contact.name ||= structuredName;
  return contact;
}

/** Calls `visit` for each contact of a vCard file, in file order. */
export async function readVcards(path: string, visit: (contact: StoredContact) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let card: string[] | undefined;
  for await (const physical of lines) {
    // A line starting with a space or tab continues the previous one (folding, RFC 2425 §5.8.1).
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && card && card.length > 0) {
      if (!/^PHOTO[;:]/i.test(card[card.length - 1]!)) card[card.length - 1] += physical.slice(1);
      continue;
    }
    const upper = physical.toUpperCase();
    if (upper === 'BEGIN:VCARD') card = [];
    else if (upper === 'END:VCARD') {
      if (card) visit(contactFrom(card));
      card = undefined;
    } else if (card) card.push(physical);
  }
}
