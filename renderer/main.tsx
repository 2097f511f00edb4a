// Entry point: picks the API the host provides (the Electron preload's bridge, or the web host's
// WebSocket), then renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { VitreApi } from '../preload/contract/api.ts';
import { ApiProvider } from './api/api-context.tsx';
import { readToken, WebClient, type LinkState } from './api/web-client.ts';
import { App, type Screen } from './app/app.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { ThemeProvider } from './theme/theme.tsx';
import './theme/theme.css';

const SCREENS: readonly Screen[] = ['devices', 'backup', 'history', 'activity', 'settings'];

function connect(): { api: VitreApi; subscribeState?: (listener: (state: LinkState) => void) => () => void } {
  if (window.vitre !== undefined) return { api: window.vitre };
  const token = readToken();
  if (token === undefined) {
    const never: VitreApi = {
      invoke: () => new Promise(() => undefined),
      on: () => () => undefined,
    };
    return { api: never, subscribeState: (listener) => (listener('no-token'), () => undefined) };
  }
  const client = new WebClient(token);
  return { api: client, subscribeState: (listener) => (listener(client.state), client.onState(listener)) };
}

// `?screen=settings` opens a given screen (used by the end-to-end screenshots).
const requested = new URLSearchParams(window.location.search).get('screen');
const initialScreen = SCREENS.find((screen) => screen === requested) ?? 'devices';
const { api, subscribeState } = connect();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <I18nProvider>
        <ApiProvider api={api} {...(subscribeState ? { subscribeState } : {})}>
          <App initialScreen={initialScreen} />
        </ApiProvider>
      </I18nProvider>
    </ThemeProvider>
  </StrictMode>,
);
