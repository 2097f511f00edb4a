// The desktop app's main process: one instance, one window showing the interface over app://,
// locked down (see window-options.ts, navigation-policy.ts, permission-policy.ts), talking to the
// engine only through the typed API over checked IPC.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell, type Session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createAppApi } from '../core/api/create-app-api.ts';
import type { Api } from '../core/api/create-api.ts';
import { makeRecord } from '../core/net/activity-record.ts';
import { startEgressGuard, type RunningGuard } from '../core/net/egress-guard.ts';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin.ts';
import { appProtocolResponse } from './app-protocol.ts';
import { connectIpc } from './ipc-bridge.ts';
import { shouldBlockNavigation, windowOpenDecision } from './navigation-policy.ts';
import { devicePermissionHandler, permissionCheckHandler, permissionRequestHandler } from './permission-policy.ts';
import { quietChromiumSession, quietChromiumSwitches } from './quiet-chromium.ts';
import { folderPicker } from './folder-picker.ts';
import { desktopSecrets } from './secrets.ts';
import { createTray } from './tray.ts';
import { webRequestVerdict } from './web-request-policy.ts';
import { mainWindowOptions } from './window-options.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../../preload/bridge.cjs', import.meta.url));

let window: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another Vitre is running: it shows its window (second-instance below); this one leaves.
  app.quit();
} else {
  quietChromiumSwitches(app);
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.show();
    window?.focus();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const guard = startEgressGuard();
  // Destination passwords and the passphrase, sealed by the operating system's keychain.
  const api = createAppApi({
    guard,
    activityLog: guard.log,
    secrets: desktopSecrets(safeStorage, guard.home),
    chooseFolder: folderPicker(() => window),
  });
  quietChromiumSession(app, session.defaultSession);
  lockSession(session.defaultSession, guard);
  window = createWindow(api);
  createTray(() => window, () => app.quit());
  app.on('before-quit', () => {
    void api.close();
    guard.stop();
  });
  app.on('window-all-closed', () => {
    // The tray keeps Vitre reachable (a backup may still be running); quit from its menu.
  });
}

function lockSession(target: Session, guard: RunningGuard): void {
  target.protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, RENDERER_DIR));
  target.setPermissionRequestHandler(permissionRequestHandler);
  target.setPermissionCheckHandler(permissionCheckHandler);
  target.setDevicePermissionHandler(devicePermissionHandler);
  // Anything the window itself tries to fetch beyond the app's files is blocked and logged.
  target.webRequest.onBeforeRequest((details, callback) => {
    const verdict = webRequestVerdict(details);
    if (verdict.record !== undefined) {
      guard.writer.add(makeRecord({ kind: 'http', verdict: 'blocked', ...verdict.record, purpose: { module: 'window' } }));
    }
    callback({ cancel: verdict.cancel });
  });
}

function createWindow(api: Api): BrowserWindow {
  const created = new BrowserWindow(mainWindowOptions(PRELOAD));
  const contents = created.webContents;
  const block = (event: { preventDefault(): void }, url: string) => {
    if (shouldBlockNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => block(event, event.url));
  contents.on('will-redirect', (event) => block(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => windowOpenDecision(details, (url) => void shell.openExternal(url)));
  const disconnect = connectIpc(ipcMain, api, contents);
  created.once('ready-to-show', () => created.show());
  created.on('closed', () => {
    disconnect();
    window = undefined;
  });
  void created.loadURL(APP_ENTRY);
  return created;
}
