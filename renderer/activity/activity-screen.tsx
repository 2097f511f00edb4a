// Activity: every connection and request Vitre made, as the egress guard recorded it — a live,
// virtualized table with filters, a details pane, totals with bytes over time, exports and the
// tamper check.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActivityEntry } from '../../preload/contract/api.ts';
import { ActivityIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ActivityDetails } from './activity-details.tsx';
import { ActivityExport } from './activity-export.tsx';
import { NO_FILTERS, isFiltered, toQuery, type ActivityFilters } from './activity-filters.ts';
import { ActivityTable } from './activity-table.tsx';
import { ActivityTotals } from './activity-totals.tsx';
import { FilterBar } from './filter-bar.tsx';
import { LogIntegrity } from './log-integrity.tsx';
import { useActivityWindow } from './use-activity-window.ts';
import './activity.css';
import { ErrorText } from '../components/error-text.tsx';

/** Free-text search scans every record: wait for a pause in typing. Other filters are indexed. */
const TYPING_MS = 200;

export function ActivityScreen() {
  const { t, formatNumber } = useI18n();
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<ActivityEntry>();
  const container = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setText(filters.text), filters.text === '' ? 0 : TYPING_MS);
    return () => clearTimeout(timer);
  }, [filters.text]);
  const settled = useMemo(() => ({ ...filters, text }), [filters, text]);
  const query = useMemo(() => toQuery(settled, Date.now()), [settled]);
  const atTop = useCallback(() => (container.current?.scrollTop ?? 0) < 8, []);
  const records = useActivityWindow(query, atTop);
  const { snapshot, error } = records;
  const filtered = isFiltered(settled);

  const closeDetails = useCallback(() => {
    setSelected(undefined);
    // Back to the row the user came from, so keyboard users keep their place.
    container.current?.querySelector<HTMLElement>('[role="row"][tabindex="0"]')?.focus();
  }, []);

  const showNew = () => {
    if (container.current) container.current.scrollTop = 0;
    records.refresh();
  };

  if (error?.kind === 'unsupported') {
    return (
      <Page title={t('activity.title')} subtitle={t('activity.subtitle')}>
        <EmptyState icon={<ActivityIcon size={30} />} title={t('activity.unavailable')}>{t('activity.empty.text')}</EmptyState>
      </Page>
    );
  }
  const empty = snapshot !== undefined && snapshot.total === 0 && !filtered;
  return (
    <Page title={t('activity.title')} subtitle={t('activity.subtitle')}>
      <div className="activity-view">
        {error && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
        {empty ? (
          <EmptyState icon={<ActivityIcon size={30} />} title={t('activity.empty.title')}>{t('activity.empty.text')}</EmptyState>
        ) : (
          <>
            <div className="card activity-tools">
              <FilterBar filters={filters} onChange={setFilters} />
              <div className="activity-status">
                {snapshot !== undefined && (
                  <p className="activity-summary" role="status">
                    {t('activity.summary', { total: formatNumber(snapshot.total), blocked: formatNumber(snapshot.blocked) })}
                  </p>
                )}
                {records.newRecords && <button type="button" className="button small" onClick={showNew}>{t('activity.new')}</button>}
                <LogIntegrity />
              </div>
            </div>
            {snapshot !== undefined && snapshot.total === 0 && <p className="lead activity-none">{t('activity.none')}</p>}
            <div className={selected ? 'activity-main with-details' : 'activity-main'}>
              {snapshot !== undefined && snapshot.total > 0 && (
                <ActivityTable records={records} selectedId={selected?.id} onOpen={setSelected}
                  containerRef={(element) => { container.current = element; }} />
              )}
              {selected && <ActivityDetails entry={selected} onClose={closeDetails} />}
            </div>
            <ActivityTotals query={query} version={snapshot?.throughId ?? 0} />
            <section className="card activity-export-card" aria-labelledby="activity-export-title">
              <h2 id="activity-export-title">{t('activity.export.title')}</h2>
              <p className="lead">{t('activity.export.text')}</p>
              <ActivityExport />
            </section>
          </>
        )}
      </div>
    </Page>
  );
}
