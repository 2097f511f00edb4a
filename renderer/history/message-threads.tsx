// A snapshot's messages as conversations: the threads, newest first, beside the open one, whose
// latest messages show first at the bottom (earlier ones on request), like on the phone.
import { useState } from 'react';
import type { MessageThread, StoredMessageView } from '../../preload/contract/api.ts';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { RecordsSearch } from './records-search.tsx';
import { useCommandResult } from './use-command-result.ts';
import { ErrorText } from '../components/error-text.tsx';

const PAGE = 200;

/** A group conversation's participants are joined by "~" in the backup file. */
function threadName(thread: { name: string; address: string }): string {
  return thread.name || thread.address.split('~').join(', ');
}

export function MessageThreads({ folder, object, contacts }: { folder: string; object: string; contacts?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<MessageThread>();
  const { data, error } = useCommandResult('history.threads', { folder, object, query, ...(contacts ? { contacts } : {}) });
  if (error) return <Notice title={t('history.records.failed')} tone="danger"><ErrorText error={error} /></Notice>;
  const chosen = open ?? data?.threads[0];
  return (
    <div className="threads-layout">
      <div className="records-list thread-column">
        <RecordsSearch value={query} onChange={setQuery} label={t('history.messages.search')} />
        {data && <p className="hint" role="status">{t('history.messages.count', { n: i18n.formatNumber(data.messages), threads: i18n.formatNumber(data.threads.length) })}</p>}
        <ul className="thread-list" aria-label={t('history.messages.threads')}>
          {data?.threads.map((thread) => (
            <li key={thread.address}>
              <button type="button" className="thread-button" aria-pressed={chosen?.address === thread.address} onClick={() => setOpen(thread)}>
                <span className="thread-top">
                  <span className="thread-name">{threadName(thread)}</span>
                  <span className="hint">{i18n.formatNumber(thread.count)}</span>
                </span>
                <span className="thread-snippet">{thread.snippet || t('history.messages.no-text')}</span>
                <span className="hint">{i18n.formatDate(new Date(thread.lastDate))}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {chosen && <Conversation key={chosen.address} folder={folder} object={object} thread={chosen} />}
    </div>
  );
}

function Conversation({ folder, object, thread }: { folder: string; object: string; thread: MessageThread }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [pages, setPages] = useState(1);
  // Page 0 is the latest PAGE messages; each further page reaches further back.
  const ranges = Array.from({ length: pages }, (_, page) => {
    const end = thread.count - page * PAGE;
    return { start: Math.max(0, end - PAGE), end };
  }).reverse();
  const earlier = ranges[0]!.start;
  return (
    <section className="conversation" aria-label={t('history.messages.with', { name: threadName(thread) })}>
      <h4 className="conversation-title">{threadName(thread)}</h4>
      {earlier > 0 && (
        <button type="button" className="button small show-more" onClick={() => setPages((n) => n + 1)}>
          {t('history.messages.earlier', { n: i18n.formatNumber(earlier) })}
        </button>
      )}
      {/* Scrolls on its own: focusable so the keyboard can scroll it too. */}
      <ol className="bubbles" tabIndex={0} aria-label={t('history.messages.with', { name: threadName(thread) })}>
        {ranges.map(({ start, end }) => <ConversationPage key={start} folder={folder} object={object} address={thread.address} start={start} end={end} />)}
      </ol>
    </section>
  );
}

function ConversationPage({ folder, object, address, start, end }: { folder: string; object: string; address: string; start: number; end: number }) {
  const { data, error } = useCommandResult('history.thread', { folder, object, address, offset: start, limit: Math.max(1, end - start) });
  if (error) return <li className="error-text"><ErrorText error={error} inline /></li>;
  return <>{data?.messages.map((message, index) => <Bubble key={start + index} message={message} />)}</>;
}

function Bubble({ message }: { message: StoredMessageView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const from = message.direction === 'sent' ? t('history.messages.you') : message.contactName || message.address.split('~')[0];
  return (
    <li className="bubble" data-direction={message.direction}>
      <span className="visually-hidden">{from}: </span>
      {message.text ? <span className="bubble-text">{message.text}</span> : message.attachments === 0 && <span className="bubble-text hint">{t('history.messages.empty')}</span>}
      {message.attachments > 0 && <span className="bubble-attachments">{t('history.messages.attachments', { n: i18n.formatNumber(message.attachments) })}</span>}
      <span className="bubble-meta">{i18n.formatDate(new Date(message.date))}{message.direction === 'draft' ? ` · ${t('history.messages.draft')}` : ''}</span>
    </li>
  );
}
