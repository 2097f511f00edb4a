// Settings: language and appearance (applied at once, no reload), the network policy and why,
// phone discovery, the data folder and Activity retention, and the honest state of cloud backup.
import { useId } from 'react';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useI18n, type LanguageChoice } from '../i18n/i18n.tsx';
import { useTheme, type ThemeChoice } from '../theme/theme.tsx';
import { DataSettings } from './data-settings.tsx';
import { NetworkPolicy } from './network-policy.tsx';
import { useSettings } from './use-settings.ts';
import './settings.css';
import { ErrorText } from '../components/error-text.tsx';

const LANGUAGES: LanguageChoice[] = ['system', 'en', 'fr'];
const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];
// A fixed moment so the example does not change while the user looks at it.
const EXAMPLE_DATE = new Date(Date.UTC(2026, 2, 14, 15, 30));

export function SettingsScreen() {
  const { t } = useI18n();
  const { settings, error, saving, change } = useSettings();
  const id = useId();
  return (
    <Page title={t('settings.title')} subtitle={t('settings.subtitle')}>
      <div className="settings">
        <LookSettings />
        {error && error.kind !== 'unsupported' && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
        {error?.kind === 'unsupported' && <Notice title={t('settings.unavailable')}><ErrorText error={error} /></Notice>}
        {settings && <NetworkPolicy settings={settings} saving={saving} change={change} />}
        {settings && <DataSettings settings={settings} saving={saving} change={change} />}
        <section className="card" aria-labelledby={`${id}-cloud`}>
          <h2 id={`${id}-cloud`}>{t('settings.cloud')}</h2>
          <p className="lead">{t('settings.cloud.text', { n: settings?.cloudDestinations ?? 0 })}</p>
        </section>
      </div>
    </Page>
  );
}

function LookSettings() {
  const i18n = useI18n();
  const { t } = i18n;
  const theme = useTheme();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-look`}>
      <h2 id={`${id}-look`}>{t('settings.look')}</h2>
      <div className="settings-row">
        <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
        <div className="settings-control">
          <select id={`${id}-language`} className="select" value={i18n.choice}
            onChange={(event) => i18n.setChoice(event.target.value as LanguageChoice)}>
            {LANGUAGES.map((choice) => (
              <option key={choice} value={choice}>{t(`settings.language.${choice}`)}</option>
            ))}
          </select>
          <p className="hint">{t('settings.format.example', { number: i18n.formatBytes(12_345_678_901), date: i18n.formatDate(EXAMPLE_DATE) })}</p>
        </div>
      </div>
      <fieldset className="settings-row">
        <legend>{t('settings.theme')}</legend>
        <div className="segmented">
          {THEMES.map((choice) => (
            <label key={choice} className="segment">
              <input type="radio" name={`${id}-theme`} value={choice} checked={theme.choice === choice}
                onChange={() => theme.setChoice(choice)} />
              <span>{t(`settings.theme.${choice}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
