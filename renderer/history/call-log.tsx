// A snapshot's call log, newest first: who, which way, when and how long; searchable by name or
// number, 200 calls a page.
import { useState } from 'react';
import type { StoredCallView } from '../../preload/contract/api.ts';
import { Notice } from '../components/notice.tsx';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { RecordsSearch } from './records-search.tsx';
import { ShowMore } from './show-more.tsx';
import { useCommandResult } from './use-command-result.ts';
import { ErrorText } from '../components/error-text.tsx';

const PAGE = 200;

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

export function CallLog({ folder, object }: { folder: string; object: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [pages, setPages] = useState(1);
  const first = useCommandResult('history.calls', { folder, object, query, offset: 0, limit: PAGE });
  if (first.error) return <Notice title={t('history.records.failed')} tone="danger"><ErrorText error={first.error} /></Notice>;
  const data = first.data;
  return (
    <div className="records-list">
      <RecordsSearch value={query} onChange={(value) => { setQuery(value); setPages(1); }} label={t('history.calls.search')} />
      {data && (
        <p className="hint" role="status">
          {query ? t('history.calls.matching', { n: i18n.formatNumber(data.matching), total: i18n.formatNumber(data.total) }) : t('history.calls.count', { n: i18n.formatNumber(data.total) })}
        </p>
      )}
      <table className="file-table call-table">
        <caption className="visually-hidden">{t('history.records.title.calls')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.calls.type')}</th>
            <th scope="col">{t('history.calls.who')}</th>
            <th scope="col">{t('history.calls.date')}</th>
            <th scope="col">{t('history.calls.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.calls.map((call, index) => <CallRow key={index} call={call} i18n={i18n} />)}
          {Array.from({ length: pages - 1 }, (_, page) => (
            <CallPage key={`${query}:${page}`} folder={folder} object={object} query={query} offset={(page + 1) * PAGE} />
          ))}
        </tbody>
      </table>
      {data && <ShowMore matching={data.matching} shown={pages * PAGE} page={PAGE} onMore={() => setPages((n) => n + 1)} />}
    </div>
  );
}

function CallPage({ folder, object, query, offset }: { folder: string; object: string; query: string; offset: number }) {
  const i18n = useI18n();
  const { data } = useCommandResult('history.calls', { folder, object, query, offset, limit: PAGE });
  return <>{data?.calls.map((call, index) => <CallRow key={offset + index} call={call} i18n={i18n} />)}</>;
}

function CallRow({ call, i18n }: { call: StoredCallView; i18n: I18n }) {
  const { t } = i18n;
  const who = call.contactName || call.number || t('history.calls.hidden');
  return (
    <tr>
      <td><span className="badge" data-tone={call.type === 'missed' || call.type === 'rejected' || call.type === 'blocked' ? 'danger' : 'neutral'}>{t(`history.calls.type.${call.type}`)}</span></td>
      <td className="file-name">{who}{call.contactName && call.number && <span className="hint call-number"> {call.number}</span>}</td>
      <td>{i18n.formatDate(new Date(call.date))}</td>
      <td>{duration(call.duration)}</td>
    </tr>
  );
}
