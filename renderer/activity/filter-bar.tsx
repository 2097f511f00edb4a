// The Activity view's filters: search, host, method, status, verdict, job, destination and time range. Each
// change asks the log again (server-side, indexed); only free-text search waits for a pause.
import { useId } from 'react';
import type { ActivityVerdict } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NO_FILTERS, isFiltered, type ActivityFilters, type TimeRange } from './activity-filters.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'MKCOL', 'MOVE', 'COPY', 'OPTIONS'];
const RANGES: TimeRange[] = ['all', 'hour', 'day', 'week'];

export function FilterBar({ filters, onChange }: { filters: ActivityFilters; onChange(filters: ActivityFilters): void }) {
  const { t } = useI18n();
  const id = useId();
  const set = <K extends keyof ActivityFilters>(key: K, value: ActivityFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="activity-filters" role="group" aria-label={t('activity.filters')}>
      <div className="field grow">
        <label htmlFor={`${id}-search`}>{t('activity.search')}</label>
        <input id={`${id}-search`} className="input" type="search" value={filters.text} placeholder={t('activity.search.placeholder')}
          onChange={(event) => set('text', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-host`}>{t('activity.col.host')}</label>
        <input id={`${id}-host`} className="input" type="text" value={filters.host} placeholder={t('activity.filter.host.placeholder')}
          spellCheck={false} autoCapitalize="off" onChange={(event) => set('host', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-method`}>{t('activity.col.method')}</label>
        <select id={`${id}-method`} className="select" value={filters.method} onChange={(event) => set('method', event.target.value)}>
          <option value="">{t('activity.filter.any')}</option>
          {METHODS.map((method) => <option key={method} value={method}>{method}</option>)}
        </select>
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-status`}>{t('activity.col.status')}</label>
        <input id={`${id}-status`} className="input" type="text" inputMode="numeric" pattern="[0-9]*" maxLength={3} value={filters.status}
          placeholder="200" onChange={(event) => set('status', event.target.value.replace(/\D/g, ''))} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-verdict`}>{t('activity.show')}</label>
        <select id={`${id}-verdict`} className="select" value={filters.verdict}
          onChange={(event) => set('verdict', event.target.value as ActivityVerdict | '')}>
          <option value="">{t('activity.show.all')}</option>
          <option value="allowed">{t('activity.show.allowed')}</option>
          <option value="blocked">{t('activity.show.blocked')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-job`}>{t('activity.filter.job')}</label>
        <input id={`${id}-job`} className="input" type="text" value={filters.job} placeholder={t('activity.filter.job.placeholder')}
          onChange={(event) => set('job', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-destination`}>{t('activity.filter.destination')}</label>
        <input id={`${id}-destination`} className="input" type="text" value={filters.destination} placeholder={t('activity.filter.destination.placeholder')}
          spellCheck={false} onChange={(event) => set('destination', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-range`}>{t('activity.filter.range')}</label>
        <select id={`${id}-range`} className="select" value={filters.range} onChange={(event) => set('range', event.target.value as TimeRange)}>
          {RANGES.map((range) => <option key={range} value={range}>{t(`activity.range.${range}`)}</option>)}
        </select>
      </div>
      <button type="button" className="button clear-filters" disabled={!isFiltered(filters)} onClick={() => onChange(NO_FILTERS)}>
        {t('activity.filter.clear')}
      </button>
    </div>
  );
}
