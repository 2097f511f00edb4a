// The tray icon (show the window, quit) and the system notification when a backup ends.
import { Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';

// A 16×16 mark (the app's window-pane cross), inline so the packaged app needs no extra image file.
const TRAY_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJ0lEQVR42mNgoAZQCT38HxuGAVzyowZQ04D/ZALqGTAaC4PBAEoAAK4oEH+kavmCAAAAAElFTkSuQmCC';

export function createTray(window: () => BrowserWindow | undefined, quit: () => void): Tray {
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON));
  tray.setToolTip('Vitre');
  const show = () => {
    const current = window();
    current?.show();
    current?.focus();
  };
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Vitre', click: show },
      { type: 'separator' },
      { label: 'Quit Vitre', click: quit },
    ]),
  );
  tray.on('click', show);
  return tray;
}

export interface BackupOutcome {
  phone: string;
  ok: boolean;
  /** One line: "1,204 files, 3.1 GB, verified" or what went wrong. */
  summary: string;
}

/** Tells the user a backup ended, even when the window is hidden. */
export function notifyBackupEnded(outcome: BackupOutcome): void {
  if (!Notification.isSupported()) return;
  new Notification({
    title: outcome.ok ? `Backup of ${outcome.phone} finished` : `Backup of ${outcome.phone} failed`,
    body: outcome.summary,
    silent: outcome.ok,
  }).show();
}
