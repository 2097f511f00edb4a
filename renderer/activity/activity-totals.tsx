// Where the traffic went: requests and bytes per host and per destination for the current
// filters, with bytes over time.
import { useEffect, useId, useRef, useState } from 'react';
import type { ActivityFilter, ActivityTotal, ActivityTotals as Totals } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { BytesChart } from './bytes-chart.tsx';

/** Adding up a large log takes longer than a page: wait until the user stops typing. */
const SETTLE_MS = 300;
/**
 * New records refresh the totals at most this often: adding up 100,000 records takes ~140 ms
 * here, and during a backup records arrive several times a second.
 */
const LIVE_MS = 5_000;

export function ActivityTotals({ query, version }: { query: ActivityFilter; version: number }) {
  const { api, state } = useApi();
  const { t } = useI18n();
  const [totals, setTotals] = useState<Totals>();
  const id = useId();
  const key = JSON.stringify(query);
  const loaded = useRef({ key: '', at: 0 });

  useEffect(() => {
    if (state !== 'open') return undefined;
    let current = true;
    const sameQuestion = loaded.current.key === key;
    const delay = sameQuestion ? Math.max(SETTLE_MS, LIVE_MS - (Date.now() - loaded.current.at)) : SETTLE_MS;
    const timer = setTimeout(() => {
      void api.invoke('activity.totals', JSON.parse(key) as ActivityFilter).then((result) => {
        if (!current || !result.ok) return;
        loaded.current = { key, at: Date.now() };
        setTotals(result.value);
      });
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, state, key, version]);

  return (
    <section className="activity-totals card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('activity.totals.title')}</h2>
      {totals === undefined ? <p className="lead">{t('activity.loading')}</p> : (
        <div className="totals-grid">
          <div className="totals-chart">
            <h3>{t('activity.chart.title')}</h3>
            {totals.timeline.slices.length > 0 ? <BytesChart timeline={totals.timeline} /> : <p className="lead">{t('activity.none')}</p>}
          </div>
          <TotalsTable caption={t('activity.totals.byHost')} keyLabel={t('activity.col.host')} rows={totals.byHost} />
          <TotalsTable caption={t('activity.totals.byDestination')} keyLabel={t('activity.details.destination')} rows={totals.byDestination} />
        </div>
      )}
    </section>
  );
}

function TotalsTable({ caption, keyLabel, rows }: { caption: string; keyLabel: string; rows: ActivityTotal[] }) {
  const { t, formatBytes, formatNumber } = useI18n();
  return (
    <table className="totals-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col" className="numeric">{t('activity.totals.requests')}</th>
          <th scope="col" className="numeric">{t('activity.col.sent')}</th>
          <th scope="col" className="numeric">{t('activity.col.received')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" title={row.key}>{row.key || <span className="muted">{t('activity.totals.none')}</span>}</th>
            <td className="numeric">
              {formatNumber(row.requests)}
              {row.blocked > 0 && <span className="blocked-count"> {t('activity.totals.blocked', { n: formatNumber(row.blocked) })}</span>}
            </td>
            <td className="numeric">{formatBytes(row.bytesUp)}</td>
            <td className="numeric">{formatBytes(row.bytesDown)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
