// A snapshot's exported records shown the way the phone showed them: contacts.vcf as an address
// book, sms.xml as conversations, calls.xml as a call log — read from the backup, not the phone.
import { useEffect, useRef } from 'react';
import type { SnapshotFile } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CallLog } from './call-log.tsx';
import { ContactsList } from './contacts-list.tsx';
import { MessageThreads } from './message-threads.tsx';
import { useCommandResult } from './use-command-result.ts';

/** The categories whose backup file has a view of its own. */
export const RECORD_CATEGORIES: ReadonlySet<string> = new Set(['contacts', 'messages', 'calls']);

export function RecordsView({ folder, snapshot, file, onClose }: { folder: string; snapshot: string; file: SnapshotFile; onClose(): void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // The same snapshot's contacts.vcf, whose names the conversations borrow.
  const contactsFolder = useCommandResult('history.browse', { folder, snapshot, path: 'Contacts' }, { enabled: file.category === 'messages' });
  const contacts = contactsFolder.data?.files.find((f) => f.category === 'contacts')?.object;
  // Moving focus to the new view tells keyboard and screen reader users where they are.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="records-view">
      <div className="records-heading">
        <button type="button" className="button small" onClick={onClose}>{t('history.records.back')}</button>
        <h3 ref={heading} tabIndex={-1}>{t(`history.records.title.${file.category as 'contacts' | 'messages' | 'calls'}`)}</h3>
        <span className="hint records-file">{file.path}</span>
      </div>
      {file.category === 'contacts' && <ContactsList folder={folder} object={file.object} />}
      {file.category === 'messages' && <MessageThreads folder={folder} object={file.object} {...(contacts ? { contacts } : {})} />}
      {file.category === 'calls' && <CallLog folder={folder} object={file.object} />}
    </div>
  );
}
