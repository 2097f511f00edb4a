// What may leave this computer now, each rule with the setting of the user's that allows it,
// and phone discovery on the local network (off unless the user turns it on).
import { useId, useState } from 'react';
import type { Settings, SettingsChange } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function NetworkPolicy({ settings, saving, change }: {
  settings: Settings;
  saving: boolean;
  change(next: SettingsChange): Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  // The switch moves when clicked, not when the engine answers: a slow answer must not look like
  // a click that did nothing. A refusal puts it back.
  const [pending, setPending] = useState<boolean>();
  const toggle = async (on: boolean) => {
    setPending(on);
    await change({ lanDiscovery: on });
    setPending(undefined);
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.policy')}</h2>
      <p className="lead">{t('settings.policy.text')}</p>
      <ul className="policy-rules" aria-label={t('settings.policy.rules')}>
        {settings.rules.map((rule) => (
          <li key={`${rule.protocol}-${rule.host}-${rule.port}`}>
            <code className="policy-target">{rule.protocol.toUpperCase()} {rule.host.includes(':') ? `[${rule.host}]` : rule.host}:{rule.port}</code>
            <span className="policy-why">{t(`settings.policy.why.${rule.source}`, { name: rule.name ?? '' })}</span>
          </li>
        ))}
      </ul>
      <p className="hint">{t('settings.policy.rest')}</p>
      <div className="settings-row switch-row">
        <div>
          <label htmlFor={`${id}-discovery`}>{t('settings.discovery')}</label>
          <p className="hint" id={`${id}-discovery-hint`}>{t('settings.discovery.hint')}</p>
        </div>
        <input id={`${id}-discovery`} type="checkbox" role="switch" className="switch" checked={pending ?? settings.lanDiscovery}
          disabled={saving} aria-describedby={`${id}-discovery-hint`} onChange={(event) => void toggle(event.target.checked)} />
      </div>
    </section>
  );
}
