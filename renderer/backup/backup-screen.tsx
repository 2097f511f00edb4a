// Backup: pick the phone and folder, see what each category holds, tick, press Back up, watch
// the progress, read the summary.
import { useEffect, useState } from 'react';
import type { ApiError, CategoryScan, Device, DestinationView } from '../../preload/contract/api.ts';
import { ConsentDialog } from '../components/consent-dialog.tsx';
import { useDestinations } from '../components/use-destinations.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { FolderField } from '../components/folder-field.tsx';
import { BackupIcon } from '../components/icons.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useBackupFolder } from '../components/use-backup-folder.ts';
import { useReadyPhones } from '../components/use-ready-phones.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../api/api-context.tsx';
import { BackupProgressCard } from './backup-progress.tsx';
import { BackupSummary } from './backup-summary.tsx';
import { CategoryList } from './category-list.tsx';
import { useBackupJob } from './use-backup-job.ts';
import { useCategoryScan } from './use-category-scan.ts';
import './backup.css';
import { ErrorText } from '../components/error-text.tsx';

/** Ticked at first when the phone has them: what people most fear losing. */
const FIRST_CHOICE = new Set(['photos', 'videos', 'contacts', 'messages', 'calls']);

export function BackupScreen({ onOpenPhones, onOpenHistory, onOpenDestinations }: { onOpenPhones(): void; onOpenHistory(): void; onOpenDestinations(): void }) {
  const { t } = useI18n();
  const { phones, chosen, choose } = useReadyPhones();
  const job = useBackupJob();
  return (
    <Page title={t('backup.title')} subtitle={t('backup.subtitle')}>
      {phones !== undefined && chosen === undefined && !job.progress ? (
        <EmptyState icon={<BackupIcon size={30} />} title={t('backup.no-phone.title')}
          action={<button type="button" className="button primary" onClick={onOpenPhones}>{t('backup.no-phone.action')}</button>}>
          {t('backup.no-phone.text')}
        </EmptyState>
      ) : (
        <div className="backup-layout">
          {job.progress && <BackupProgressCard progress={job.progress} onCancel={job.cancel} cancelling={job.cancelling} />}
          {job.finished && <BackupSummary finished={job.finished} onOpenHistory={onOpenHistory} onDismiss={job.dismiss} />}
          {job.error && <Notice title={t('backup.start.failed')} tone="danger" alert><ErrorText error={job.error} /></Notice>}
          {!job.progress && !job.finished && chosen && phones && (
            <BackupSetup phones={phones} chosen={chosen} choose={choose} start={job.start} onOpenDestinations={onOpenDestinations} />
          )}
        </div>
      )}
    </Page>
  );
}

/** The destinations, each with the categories about to go there that the user has not agreed to yet. */
function firstTimeSends(destinations: DestinationView[], uploads: Record<string, string>): Array<{ destination: DestinationView; categories: string[] }> {
  return destinations
    .map((destination) => ({
      destination,
      categories: Object.entries(uploads).filter(([category, name]) => name === destination.name && !destination.categories.includes(category)).map(([category]) => category),
    }))
    .filter((ask) => ask.categories.length > 0);
}

function BackupSetup({ phones, chosen, choose, start, onOpenDestinations }: {
  phones: Device[];
  chosen: Device;
  choose(deviceId: string): void;
  start(deviceId: string, folder: string, categories: string[], uploads?: Record<string, string>): Promise<void>;
  onOpenDestinations(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { folder, setFolder, canChoose } = useBackupFolder();
  const scan = useCategoryScan(chosen.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [starting, setStarting] = useState(false);
  const cloud = useDestinations();
  const destinations = cloud.list?.destinations ?? [];
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<{ destination: DestinationView; categories: string[] }>();
  const [consentError, setConsentError] = useState<ApiError>();
  useEffect(() => {
    if (scan.categories) setSelected(new Set(scan.categories.filter((c) => c.state === 'ok' && c.items > 0 && FIRST_CHOICE.has(c.category)).map((c) => c.category)));
  }, [scan.categories]);

  const ticked = (scan.categories ?? []).filter((c: CategoryScan) => c.state === 'ok' && selected.has(c.category));
  const items = ticked.reduce((n, c) => n + c.items, 0);
  const bytes = ticked.reduce((n, c) => n + c.bytes, 0);
  const toggle = (category: string, on: boolean) => setSelected((current) => {
    const next = new Set(current);
    if (on) next.add(category);
    else next.delete(category);
    return next;
  });
  const setTarget = (category: string, destination: string) => setTargets((current) => {
    const { [category]: _, ...rest } = current;
    return destination === '' ? rest : { ...rest, [category]: destination };
  });
  /** Cloud copies of the ticked categories only. */
  const uploads = Object.fromEntries(Object.entries(targets).filter(([category]) => ticked.some((c) => c.category === category)));
  const { api } = useApi();
  const run = async () => {
    setStarting(true);
    await start(chosen.id, folder, ticked.map((c) => c.category), uploads);
    setStarting(false);
  };
  /** The first time a category goes to a destination, the user says yes to exactly that first. */
  const askOrRun = async (known: DestinationView[]) => {
    const [next] = firstTimeSends(known, uploads);
    if (next !== undefined) setAsking(next);
    else await run();
  };
  const answer = async (agreed: boolean) => {
    const question = asking;
    setAsking(undefined);
    if (!agreed || question === undefined) return;
    setConsentError(undefined);
    const result = await api.invoke('destinations.consent', { name: question.destination.name, categories: question.categories });
    if (!result.ok) {
      setConsentError(result.error);
      return;
    }
    void cloud.refresh();
    await askOrRun(destinations.map((destination) => (destination.name === result.value.name ? result.value : destination)));
  };

  return (
    <>
      <section className="card backup-setup" aria-labelledby="backup-setup-title">
        <h2 id="backup-setup-title" className="visually-hidden">{t('backup.setup')}</h2>
        <div className="field">
          {phones.length > 1 ? (
            <>
              <label htmlFor="backup-phone">{t('backup.phone')}</label>
              <select id="backup-phone" className="select" value={chosen.id} onChange={(event) => choose(event.target.value)}>
                {phones.map((phone) => <option key={phone.id} value={phone.id}>{phone.model ?? phone.serial}</option>)}
              </select>
            </>
          ) : (
            <>
              <span className="field-label">{t('backup.phone')}</span>
              <span className="phone-name">
                {chosen.model ?? chosen.serial}
                {chosen.simulated && <span className="badge" data-tone="simulated">{t('backup.simulated')}</span>}
              </span>
            </>
          )}
        </div>
        <FolderField folder={folder} onChange={setFolder} canChoose={canChoose} />
      </section>
      <section className="card" aria-labelledby="categories-title" aria-busy={scan.scanning}>
        <div className="card-heading">
          <div>
            <h2 id="categories-title">{t('backup.categories')}</h2>
            <p className="lead">{t('backup.categories.lead')}</p>
          </div>
          <button type="button" className="button small" onClick={scan.rescan} disabled={scan.scanning}>{t('backup.rescan')}</button>
        </div>
        {scan.error && <Notice title={t('backup.scan.failed')} tone="danger"><ErrorText error={scan.error} /></Notice>}
        {scan.categories === undefined && !scan.error && <p className="hint scanning" role="status">{t('backup.scanning')}</p>}
        {scan.categories && (
          <CategoryList categories={scan.categories} selected={selected} onToggle={toggle} disabled={starting}
            destinations={destinations} targets={targets} onTarget={setTarget} />
        )}
        {destinations.length === 0 && cloud.list !== undefined && (
          <p className="hint cloud-hint">
            {t('backup.cloud.none')}{' '}
            <button type="button" className="link-button" onClick={onOpenDestinations}>{t('backup.cloud.add')}</button>
          </p>
        )}
        {consentError !== undefined && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={consentError} /></Notice>}
        <div className="backup-footer">
          <span className="backup-total" role="status">
            {ticked.length === 0 ? t('backup.total.none') : t('backup.total', { n: i18n.formatNumber(ticked.length), items: i18n.formatNumber(items), bytes: i18n.formatBytes(bytes) })}
          </span>
          <button type="button" className="button primary" disabled={starting || ticked.length === 0 || folder === ''} onClick={() => void askOrRun(destinations)}>
            {t('backup.start')}
          </button>
        </div>
      </section>
      {asking && <ConsentDialog destination={asking.destination} categories={asking.categories} onAnswer={(agreed) => void answer(agreed)} />}
    </>
  );
}
