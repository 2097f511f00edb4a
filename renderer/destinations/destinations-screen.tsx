// Destinations: the user's own cloud storage (WebDAV, S3) for encrypted copies of their backups.
// Add one, test the connection, set the passphrase, see what was agreed; where the secrets are
// kept is said plainly (the keychain, or only until the web host stops).
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useDestinations } from '../components/use-destinations.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DestinationCard } from './destination-card.tsx';
import { DestinationForm } from './destination-form.tsx';
import './destinations.css';
import { ErrorText } from '../components/error-text.tsx';

export function DestinationsScreen() {
  const { t } = useI18n();
  const { list, error, refresh } = useDestinations();
  return (
    <Page title={t('destinations.title')} subtitle={t('destinations.subtitle')}>
      <div className="destinations">
        {error && <Notice title={error.kind === 'unsupported' ? t('destinations.unavailable') : t('error.title')} tone="danger"><ErrorText error={error} /></Notice>}
        {list && (
          <p className="secrets-note" data-kept={list.secretsKept}>
            {list.secretsKept === 'session' ? t('destinations.secrets.session') : t('destinations.secrets.keychain')}
          </p>
        )}
        {list && list.destinations.length > 0 && (
          <section aria-labelledby="destinations-list-title">
            <h2 id="destinations-list-title" className="section-title">{t('destinations.list')}</h2>
            <ul className="destination-list">
              {list.destinations.map((destination) => (
                <DestinationCard key={destination.name} destination={destination} onChanged={() => void refresh()} />
              ))}
            </ul>
          </section>
        )}
        {list && list.destinations.length === 0 && <p className="lead">{t('destinations.none')}</p>}
        {list && <DestinationForm onAdded={() => void refresh()} />}
      </div>
    </Page>
  );
}
