// Backup: not built yet. Says what it will do and sends the user to connect a phone meanwhile.
import { BackupIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function BackupScreen({ onOpenPhones }: { onOpenPhones(): void }) {
  const { t } = useI18n();
  return (
    <Page title={t('backup.title')} subtitle={t('backup.subtitle')}>
      <EmptyState icon={<BackupIcon size={30} />} title={t('backup.empty.title')}
        action={<button type="button" className="button primary" onClick={onOpenPhones}>{t('backup.empty.action')}</button>}>
        {t('backup.empty.text')}
      </EmptyState>
    </Page>
  );
}
