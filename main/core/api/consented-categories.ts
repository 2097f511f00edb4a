// Which categories the user agreed to send to each destination. The engine records the consent
// to use a destination at all (destinations.json, consent.ts); the interface asks again the first
// time each category goes there, and remembers the answer here, in the data folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolderSync } from '../files/make-folder.ts';

export const CONSENTED_CATEGORIES_FILE = 'destination-categories.json';

interface CategoriesFile {
  version: 1;
  destinations: Record<string, string[]>;
}

function read(home: string): CategoriesFile {
  const file = path.join(home, CONSENTED_CATEGORIES_FILE);
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CategoriesFile>;
    const destinations = parsed.destinations !== null && typeof parsed.destinations === 'object' ? parsed.destinations : {};
    return { version: 1, destinations };
  } catch (error) {
    // No file yet: no category was agreed to. A damaged file asks again rather than assuming yes.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    return { version: 1, destinations: {} };
  }
}

/** Atomic (temporary file + rename), like the other settings files. */
function write(home: string, content: CategoriesFile): void {
  makeFolderSync(home);
  const file = path.join(home, CONSENTED_CATEGORIES_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function consentedCategories(home: string, destination: string): string[] {
  const list = read(home).destinations[destination];
  return Array.isArray(list) ? list.filter((category) => typeof category === 'string') : [];
}

export function addConsentedCategories(home: string, destination: string, categories: readonly string[]): string[] {
  const content = read(home);
  const next = [...new Set([...(content.destinations[destination] ?? []), ...categories])].sort();
  write(home, { ...content, destinations: { ...content.destinations, [destination]: next } });
  return next;
}

export function forgetConsentedCategories(home: string, destination: string): void {
  const content = read(home);
  const { [destination]: _, ...rest } = content.destinations;
  write(home, { ...content, destinations: rest });
}
