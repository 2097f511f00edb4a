// Activity: every connection and request Vitre made, as the egress guard recorded it, newest
// first, searchable, live.
import { useId, useState } from 'react';
import type { ActivityVerdict } from '../../preload/contract/api.ts';
import { ActivityIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ActivityTable } from './activity-table.tsx';
import { useActivity } from './use-activity.ts';
import './activity.css';

export function ActivityScreen() {
  const { t, formatNumber } = useI18n();
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<ActivityVerdict | ''>('');
  const { page, error, pageSize } = useActivity(text, verdict === '' ? undefined : verdict);
  const id = useId();
  const searching = text.trim() !== '' || verdict !== '';

  if (error?.kind === 'unsupported') {
    return (
      <Page title={t('activity.title')} subtitle={t('activity.subtitle')}>
        <EmptyState icon={<ActivityIcon size={30} />} title={t('activity.unavailable')}>{t('activity.empty.text')}</EmptyState>
      </Page>
    );
  }
  return (
    <Page title={t('activity.title')} subtitle={t('activity.subtitle')}>
      {error && <Notice title={t('error.title')} tone="danger" alert><p>{error.message}</p></Notice>}
      {page !== undefined && page.total === 0 && !searching ? (
        <EmptyState icon={<ActivityIcon size={30} />} title={t('activity.empty.title')}>{t('activity.empty.text')}</EmptyState>
      ) : (
        <>
          <div className="activity-toolbar">
            <div className="field">
              <label htmlFor={`${id}-search`}>{t('activity.search')}</label>
              <input id={`${id}-search`} className="input" type="search" value={text} placeholder={t('activity.search.placeholder')}
                onChange={(event) => setText(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-verdict`}>{t('activity.show')}</label>
              <select id={`${id}-verdict`} className="select" value={verdict}
                onChange={(event) => setVerdict(event.target.value as ActivityVerdict | '')}>
                <option value="">{t('activity.show.all')}</option>
                <option value="allowed">{t('activity.show.allowed')}</option>
                <option value="blocked">{t('activity.show.blocked')}</option>
              </select>
            </div>
            {page !== undefined && (
              <p className="activity-summary" role="status">
                {t('activity.summary', { total: formatNumber(page.total), blocked: formatNumber(page.blocked) })}
                {page.total > pageSize && ` ${t('activity.showing', { count: formatNumber(pageSize) })}`}
              </p>
            )}
          </div>
          {page !== undefined && page.entries.length === 0 && <p className="lead">{t('activity.none')}</p>}
          {page !== undefined && page.entries.length > 0 && <ActivityTable entries={page.entries} />}
        </>
      )}
    </Page>
  );
}
