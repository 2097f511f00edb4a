// History: the list of backups. There are none until backing up exists.
import { HistoryIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function HistoryScreen() {
  const { t } = useI18n();
  return (
    <Page title={t('history.title')} subtitle={t('history.subtitle')}>
      <EmptyState icon={<HistoryIcon size={30} />} title={t('history.empty.title')}>{t('history.empty.text')}</EmptyState>
    </Page>
  );
}
