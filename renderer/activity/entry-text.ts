// How a record reads in a table cell: who started it, why, and what it asked for.
import type { ActivityEntry } from '../../preload/contract/api.ts';
import type { I18n } from '../i18n/i18n.tsx';

/** The job, category and destination that caused the record, e.g. "backup · photos · WebDAV". */
export function purposeOf(entry: ActivityEntry): string {
  return [entry.purpose.job, entry.purpose.category, entry.purpose.destination].filter(Boolean).join(' · ');
}

/** The module that made the request, or the program a process record launched. */
export function initiatorOf(entry: ActivityEntry, t: I18n['t']): string {
  if (entry.kind === 'process') return entry.protocol;
  return entry.purpose.module ?? t('activity.initiator.vitre');
}

/** The path and query of a URL; for other kinds, what was asked (the DNS name, the program). */
export function pathOf(entry: ActivityEntry): string {
  if (entry.url === '') return entry.kind === 'dns' ? entry.host : '';
  try {
    const url = new URL(entry.url);
    return `${url.pathname}${url.search}`;
  } catch {
    // Not a URL Chromium can parse (a process command line, say): show it as recorded.
    return entry.url;
  }
}
