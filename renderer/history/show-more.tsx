// "Show N more" under a paged list of records; gone once everything that matches is shown.
import { useI18n } from '../i18n/i18n.tsx';

export function ShowMore({ matching, shown, page, onMore }: { matching: number; shown: number; page: number; onMore(): void }) {
  const i18n = useI18n();
  if (matching <= shown) return null;
  return (
    <button type="button" className="button small show-more" onClick={onMore}>
      {i18n.t('history.browse.more', { n: i18n.formatNumber(Math.min(page, matching - shown)) })}
    </button>
  );
}
