// Activity: every request Vitre makes. The log is not wired to this screen yet; it says so.
import { ActivityIcon } from '../components/icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ActivityScreen() {
  const { t } = useI18n();
  return (
    <Page title={t('activity.title')} subtitle={t('activity.subtitle')}>
      <EmptyState icon={<ActivityIcon size={30} />} title={t('activity.empty.title')}>{t('activity.empty.text')}</EmptyState>
    </Page>
  );
}
