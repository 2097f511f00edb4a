// The main window's options: Electron's security checklist, written out so a test can hold it to
// it (https://www.electronjs.org/docs/latest/tutorial/security). Every value that matters is set
// explicitly, even where it is already Electron's default, so a change of default cannot weaken it.
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 880,
    minHeight: 600,
    title: 'Vitre',
    show: false,
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: preloadPath,
      // The renderer gets the typed API through contextBridge, never Node or Electron itself.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    },
  };
}
