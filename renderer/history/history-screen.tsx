// History: the snapshots in the backup folder on a timeline; open one to browse its folders and
// photos, verify it, or restore what you tick (after a preview of what would change).
import { useEffect, useState } from 'react';
import type { SnapshotFile } from '../../preload/contract/api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { FolderField } from '../components/folder-field.tsx';
import { HistoryIcon } from '../components/icons.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useBackupFolder } from '../components/use-backup-folder.ts';
import { useReadyPhones } from '../components/use-ready-phones.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RecordsView } from './records-view.tsx';
import { RestorePanel } from './restore-panel.tsx';
import { SnapshotBrowser } from './snapshot-browser.tsx';
import { SnapshotTimeline } from './snapshot-timeline.tsx';
import { useCommandResult } from './use-command-result.ts';
import { useSnapshots } from './use-snapshots.ts';
import { VerifyButton } from './verify-button.tsx';
import './history.css';
import { ErrorText } from '../components/error-text.tsx';

export function HistoryScreen({ onOpenPhones }: { onOpenPhones(): void }) {
  const { t } = useI18n();
  const { folder, setFolder, canChoose } = useBackupFolder();
  const { snapshots, error } = useSnapshots(folder);
  const [chosen, setChosen] = useState<string>();
  useEffect(() => setChosen(undefined), [folder]);
  const snapshot = snapshots?.find((s) => s.id === chosen) ?? snapshots?.find((s) => s.state === 'complete');
  return (
    <Page title={t('history.title')} subtitle={t('history.subtitle')}>
      <section className="card history-folder" aria-label={t('backup.folder')}>
        <FolderField folder={folder} onChange={setFolder} canChoose={canChoose} />
      </section>
      {error && error.kind !== 'not-found' && <Notice title={t('history.failed')} tone="danger"><ErrorText error={error} /></Notice>}
      {(error?.kind === 'not-found' || snapshots?.length === 0) && (
        <EmptyState icon={<HistoryIcon size={30} />} title={t('history.empty.title')}>{t('history.empty.text')}</EmptyState>
      )}
      {snapshots !== undefined && snapshots.length > 0 && (
        <div className="history-layout">
          <SnapshotTimeline snapshots={snapshots} selected={snapshot?.id} onSelect={setChosen} />
          {snapshot && <SnapshotView key={`${folder}:${snapshot.id}`} folder={folder} snapshot={snapshot.id} date={snapshot.startedAt} onOpenPhones={onOpenPhones} />}
        </div>
      )}
    </Page>
  );
}

function SnapshotView({ folder, snapshot, date, onOpenPhones }: { folder: string; snapshot: string; date: number; onOpenPhones(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [path, setPath] = useState('');
  const [records, setRecords] = useState<SnapshotFile>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { data: listing, error } = useCommandResult('history.browse', { folder, snapshot, path });
  const { chosen: phone } = useReadyPhones();
  const select = (file: string, on: boolean) => setSelected((current) => {
    const next = new Set(current);
    if (on) next.add(file);
    else next.delete(file);
    return next;
  });
  return (
    <section className="card snapshot-view" aria-labelledby="snapshot-title">
      <div className="card-heading">
        <div>
          <h2 id="snapshot-title">{t('history.snapshot.title', { date: i18n.formatDate(new Date(date)) })}</h2>
          <p className="lead">{t('history.snapshot.lead')}</p>
        </div>
        <VerifyButton folder={folder} snapshot={snapshot} />
      </div>
      {error && <Notice title={t('history.failed')} tone="danger"><ErrorText error={error} /></Notice>}
      {records && <RecordsView folder={folder} snapshot={snapshot} file={records} onClose={() => setRecords(undefined)} />}
      {listing && !records && <SnapshotBrowser folder={folder} listing={listing} onOpen={setPath} onOpenRecords={setRecords} selected={selected} onSelect={select} />}
      {selected.size > 0 && (
        <RestorePanel folder={folder} snapshot={snapshot} selected={[...selected]} phone={phone}
          onClear={() => setSelected(new Set())} onOpenPhones={onOpenPhones} />
      )}
    </section>
  );
}
