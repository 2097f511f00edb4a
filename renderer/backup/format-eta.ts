// Seconds left, as a person would say it: "45 s", "3 min", "1 h 20 min".
import type { I18n } from '../i18n/i18n.tsx';

export function formatEta(i18n: I18n, seconds: number | null): string {
  if (seconds === null) return i18n.t('backup.eta.unknown');
  if (seconds < 90) return i18n.t('backup.eta.seconds', { n: i18n.formatNumber(Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return i18n.t('backup.eta.minutes', { n: i18n.formatNumber(minutes) });
  return i18n.t('backup.eta.hours', { h: i18n.formatNumber(Math.floor(minutes / 60)), m: i18n.formatNumber(minutes % 60) });
}
