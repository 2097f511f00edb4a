// The shell: sidebar navigation and the current screen. Screens are picked by state, not by URL:
// the desktop window has no address bar, and the web host's address carries only the token.
import { useState } from 'react';
import { ActivityScreen } from '../activity/activity-screen.tsx';
import { useApi } from '../api/api-context.tsx';
import { BackupScreen } from '../backup/backup-screen.tsx';
import { ActivityIcon, BackupIcon, CloudIcon, HistoryIcon, LogoMark, PhoneIcon, SettingsIcon } from '../components/icons.tsx';
import { DestinationsScreen } from '../destinations/destinations-screen.tsx';
import { FocusHeading } from '../components/page.tsx';
import { DevicesScreen } from '../devices/devices-screen.tsx';
import { HistoryScreen } from '../history/history-screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { SettingsScreen } from '../settings/settings-screen.tsx';
import './app.css';

export type Screen = 'devices' | 'backup' | 'history' | 'destinations' | 'activity' | 'settings';

const NAV: Array<{ screen: Screen; label: MessageKey; Icon: () => React.JSX.Element }> = [
  { screen: 'devices', label: 'nav.devices', Icon: () => <PhoneIcon /> },
  { screen: 'backup', label: 'nav.backup', Icon: () => <BackupIcon /> },
  { screen: 'history', label: 'nav.history', Icon: () => <HistoryIcon /> },
  { screen: 'destinations', label: 'nav.destinations', Icon: () => <CloudIcon /> },
  { screen: 'activity', label: 'nav.activity', Icon: () => <ActivityIcon /> },
  { screen: 'settings', label: 'nav.settings', Icon: () => <SettingsIcon /> },
];

export function App({ initialScreen = 'devices' }: { initialScreen?: Screen }) {
  const { t } = useI18n();
  const { state } = useApi();
  const [screen, setScreenState] = useState<Screen>(initialScreen);
  const [navigated, setNavigated] = useState(false);
  const setScreen = (next: Screen) => {
    setNavigated(true);
    setScreenState(next);
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <aside className="sidebar">
        <div className="brand">
          <LogoMark />
          <div className="brand-text">
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          {NAV.map(({ screen: target, label, Icon }) => (
            <button key={target} type="button" className="nav-item" aria-current={screen === target ? 'page' : undefined}
              onClick={() => setScreen(target)}>
              <Icon />
              <span>{t(label)}</span>
            </button>
          ))}
        </nav>
        <div className="link-status" role="status">
          <span className="link-dot" data-state={state} aria-hidden="true" />
          <span>{t(`link.${state}`)}</span>
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <FocusHeading.Provider value={navigated}>
        {screen === 'devices' && <DevicesScreen />}
        {screen === 'backup' && (
          <BackupScreen onOpenPhones={() => setScreen('devices')} onOpenHistory={() => setScreen('history')}
            onOpenDestinations={() => setScreen('destinations')} />
        )}
        {screen === 'history' && <HistoryScreen onOpenPhones={() => setScreen('devices')} />}
        {screen === 'destinations' && <DestinationsScreen />}
        {screen === 'activity' && <ActivityScreen />}
        {screen === 'settings' && <SettingsScreen />}
        </FocusHeading.Provider>
      </main>
    </div>
  );
}
