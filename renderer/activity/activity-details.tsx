// Everything recorded about one attempt: when, where, why it was allowed or blocked, who asked
// for it, its timings, headers and (for programs) the command line.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ActivityEntry, ActivityRecordDetail, ApiError } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { ErrorText } from '../components/error-text.tsx';

const TIMINGS: Array<[keyof ActivityRecordDetail['timings'], MessageKey]> = [
  ['dns', 'activity.timing.dns'],
  ['connect', 'activity.timing.connect'],
  ['tls', 'activity.timing.tls'],
  ['firstByte', 'activity.timing.firstByte'],
  ['total', 'activity.timing.total'],
];

export function ActivityDetails({ entry, onClose }: { entry: ActivityEntry; onClose(): void }) {
  const { api } = useApi();
  const { t } = useI18n();
  const [record, setRecord] = useState<ActivityRecordDetail | null>();
  const [error, setError] = useState<ApiError>();
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => {
    let current = true;
    setRecord(undefined);
    void api.invoke('activity.record', { id: entry.id }).then((result) => {
      if (!current) return;
      if (result.ok) setRecord(result.value);
      else setError(result.error);
    });
    heading.current?.focus();
    return () => {
      current = false;
    };
  }, [api, entry.id]);

  // Escape closes the pane wherever focus is (the table's row or the pane itself).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section className="activity-details card" aria-labelledby={`${id}-title`}>
      <header className="details-header">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{t('activity.details.title', { id: entry.id })}</h2>
        <button type="button" className="button" onClick={onClose}>{t('activity.details.close')}</button>
      </header>
      {error && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
      {record === null && <p className="lead">{t('activity.details.gone')}</p>}
      {record && <RecordFields record={record} />}
    </section>
  );
}

function RecordFields({ record }: { record: ActivityRecordDetail }) {
  const { t, formatBytes, formatTimestamp, formatNumber } = useI18n();
  const ms = (value: number) => (value < 0 ? '—' : t('unit.ms', { n: formatNumber(Math.round(value * 10) / 10) }));
  const where = record.port > 0 ? `${record.host}:${record.port}` : record.host;
  const { detail, purpose } = record;
  return (
    <div className="details-body">
      <p className={`details-verdict ${record.verdict}`}>
        <span className="badge" data-tone={record.verdict === 'allowed' ? 'success' : 'danger'}>
          {t(record.verdict === 'allowed' ? 'activity.verdict.allowed' : 'activity.verdict.blocked')}
        </span>
        <span>{record.reason}</span>
      </p>
      <Fields title={t('activity.details.request')} rows={[
        [t('activity.col.time'), formatTimestamp(new Date(record.time))],
        [t('activity.details.kind'), t(`activity.kind.${record.kind}`)],
        [t('activity.col.host'), where || '—'],
        [t('activity.details.protocol'), record.protocol],
        [t('activity.col.method'), record.method || '—'],
        [t('activity.details.url'), record.url || '—'],
        [t('activity.col.status'), record.status > 0 ? `${record.status}${detail.statusText ? ` ${detail.statusText}` : ''}` : '—'],
        [t('activity.col.sent'), formatBytes(record.bytesUp)],
        [t('activity.col.received'), formatBytes(record.bytesDown)],
        ...optional(t('activity.details.httpVersion'), detail.httpVersion),
        ...optional(t('activity.details.mimeType'), detail.mimeType),
        ...optional(t('activity.details.error'), detail.error),
        ...optional(t('activity.details.question'), detail.question),
        ...optional(t('activity.details.answers'), detail.answers?.join(', ')),
        ...optional(t('activity.details.command'), detail.command?.join(' ')),
      ]} />
      <Fields title={t('activity.col.purpose')} rows={[
        [t('activity.details.job'), purpose.job ?? '—'],
        [t('activity.details.category'), purpose.category ?? '—'],
        [t('activity.details.destination'), purpose.destination ?? '—'],
        [t('activity.col.initiator'), purpose.module ?? '—'],
        [t('activity.details.process'), t('activity.details.processValue', { pid: record.pid, thread: record.thread })],
      ]} />
      <Fields title={t('activity.details.timings')} rows={TIMINGS.map(([key, label]) => [t(label), ms(record.timings[key])])} />
      {detail.requestHeaders && detail.requestHeaders.length > 0 && <Fields title={t('activity.details.requestHeaders')} rows={detail.requestHeaders} />}
      {detail.responseHeaders && detail.responseHeaders.length > 0 && <Fields title={t('activity.details.responseHeaders')} rows={detail.responseHeaders} />}
      <Fields title={t('activity.details.chain')} rows={[[t('activity.details.hash'), <code key="hash">{record.hash}</code>]]} />
    </div>
  );
}

function optional(label: string, value: string | undefined): Array<[string, string]> {
  return value === undefined || value === '' ? [] : [[label, value]];
}

function Fields({ title, rows }: { title: string; rows: Array<[string, ReactNode]> }) {
  return (
    <div className="details-group">
      <h3>{title}</h3>
      <dl>
        {rows.map(([label, value], index) => (
          <div key={`${label}-${index}`} className="details-field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
