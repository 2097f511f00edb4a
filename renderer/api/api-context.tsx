// Hands the typed API to every screen. In the desktop window the preload exposes it as
// `window.vitre`; in a browser it is the web host's WebSocket client.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { VitreApi } from '../../preload/contract/api.ts';
import type { LinkState } from './web-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (preload/bridge.ts). */
    vitre?: VitreApi;
  }
}

export interface ApiLink {
  api: VitreApi;
  /** For the web host: whether the WebSocket is up. Electron's IPC is always 'open'. */
  state: LinkState;
}

const ApiContext = createContext<ApiLink | undefined>(undefined);

export function ApiProvider({ api, subscribeState, children }: {
  api: VitreApi;
  subscribeState?: (listener: (state: LinkState) => void) => () => void;
  children: ReactNode;
}) {
  const [state, setState] = useState<LinkState>(subscribeState ? 'connecting' : 'open');
  useEffect(() => subscribeState?.(setState), [subscribeState]);
  return <ApiContext.Provider value={{ api, state }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiLink {
  const link = useContext(ApiContext);
  if (link === undefined) throw new Error('useApi() outside <ApiProvider>');
  return link;
}
