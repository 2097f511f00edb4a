// A category's name in the user's language; a folder of their own keeps its path.
import type { I18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';

const KNOWN = ['photos', 'videos', 'screenshots', 'documents', 'downloads', 'audio', 'contacts', 'messages', 'calls', 'notes', 'apps'] as const;

export function categoryLabel(t: I18n['t'], category: string): string {
  if ((KNOWN as readonly string[]).includes(category)) return t(`category.${category}` as MessageKey);
  return category.startsWith('custom:') ? category.slice('custom:'.length) : category;
}
