// Where Vitre keeps its data, and how long the Activity log keeps its records.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings, SettingsChange } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function DataSettings({ settings, saving, change }: {
  settings: Settings;
  saving: boolean;
  change(next: SettingsChange): Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [days, setDays] = useState(String(settings.activityRetentionDays));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDays(String(settings.activityRetentionDays)), [settings.activityRetentionDays]);
  const value = Number.parseInt(days, 10);
  const valid = /^\d{1,5}$/.test(days) && value <= 36_500;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setSaved(await change({ activityRetentionDays: value }));
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.data')}</h2>
      <dl className="settings-row">
        <dt className="settings-label">{t('settings.data.folder')}</dt>
        <dd className="settings-control">
          <code className="data-folder">{settings.dataFolder}</code>
          <span className="hint">{t('settings.data.folder.hint')}</span>
        </dd>
      </dl>
      <form className="settings-row" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-retention`}>{t('settings.retention')}</label>
        <div className="settings-control">
          <div className="inline-controls">
            <input id={`${id}-retention`} className="input retention" type="text" inputMode="numeric" value={days}
              aria-invalid={!valid} aria-describedby={`${id}-retention-hint`}
              onChange={(event) => { setDays(event.target.value.trim()); setSaved(false); }} />
            <span>{t('settings.retention.days')}</span>
            <button type="submit" className="button" disabled={saving || !valid || value === settings.activityRetentionDays}>{t('settings.save')}</button>
          </div>
          <p className="hint" id={`${id}-retention-hint`}>{valid ? t('settings.retention.hint') : t('settings.retention.invalid')}</p>
          {saved && <p className="hint saved" role="status">{t('settings.saved')}</p>}
        </div>
      </form>
    </section>
  );
}
