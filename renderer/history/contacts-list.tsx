// The contacts of a snapshot, by name, searchable by name, number, e-mail or company; pages of
// 100 are added on request so a large address book opens at once.
import { useState } from 'react';
import type { StoredContactView } from '../../preload/contract/api.ts';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { RecordsSearch } from './records-search.tsx';
import { ShowMore } from './show-more.tsx';
import { useCommandResult } from './use-command-result.ts';
import { ErrorText } from '../components/error-text.tsx';

const PAGE = 100;

export function ContactsList({ folder, object }: { folder: string; object: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [pages, setPages] = useState(1);
  const first = useCommandResult('history.contacts', { folder, object, query, offset: 0, limit: PAGE });
  const search = (value: string) => {
    setQuery(value);
    setPages(1);
  };
  if (first.error) return <Notice title={t('history.records.failed')} tone="danger"><ErrorText error={first.error} /></Notice>;
  const data = first.data;
  return (
    <div className="records-list">
      <RecordsSearch value={query} onChange={search} label={t('history.contacts.search')} />
      {data && (
        <p className="hint" role="status">
          {query ? t('history.contacts.matching', { n: i18n.formatNumber(data.matching), total: i18n.formatNumber(data.total) }) : t('history.contacts.count', { n: i18n.formatNumber(data.total) })}
        </p>
      )}
      <ul className="contact-list" aria-label={t('history.records.title.contacts')}>
        {data?.contacts.map((contact, index) => <ContactCard key={index} contact={contact} />)}
        {Array.from({ length: pages - 1 }, (_, page) => (
          <ContactPage key={`${query}:${page}`} folder={folder} object={object} query={query} offset={(page + 1) * PAGE} />
        ))}
      </ul>
      {data && <ShowMore matching={data.matching} shown={pages * PAGE} page={PAGE} onMore={() => setPages((n) => n + 1)} />}
    </div>
  );
}

function ContactPage({ folder, object, query, offset }: { folder: string; object: string; query: string; offset: number }) {
  const { data } = useCommandResult('history.contacts', { folder, object, query, offset, limit: PAGE });
  return <>{data?.contacts.map((contact, index) => <ContactCard key={offset + index} contact={contact} />)}</>;
}

function initials(name: string): string {
  const letters = name.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => [...word][0]!.toLocaleUpperCase());
  return letters.join('') || '#';
}

function ContactCard({ contact }: { contact: StoredContactView }) {
  const { t } = useI18n();
  const name = contact.name || contact.phones[0] || contact.emails[0] || t('history.contacts.unnamed');
  return (
    <li className="contact-card">
      <span className="avatar" aria-hidden="true">{initials(contact.name)}</span>
      <div className="contact-lines">
        <span className="contact-name">{name}</span>
        {contact.organization && <span className="hint">{contact.organization}</span>}
        {contact.phones.map((phone, i) => <span key={`p${i}`} className="contact-detail">{phone}</span>)}
        {contact.emails.map((email, i) => <span key={`e${i}`} className="contact-detail">{email}</span>)}
      </div>
    </li>
  );
}
