// Connects the window to the API: one `ipcMain.handle` per command of the contract (nothing else
// is listened to), each call checked for its sender, and every event sent to the window.
import type { IpcMain, WebContents } from 'electron';
import { COMMAND_NAMES, commandChannel, EVENT_CHANNEL } from '../../preload/contract/channels.ts';
import type { Api } from '../core/api/create-api.ts';
import { isTrustedSender } from './ipc-sender.ts';

export function connectIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, api: Api, window: WebContents): () => void {
  const trusted = { webContentsId: window.id };
  for (const command of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(command), (event, input: unknown) => {
      if (!isTrustedSender(event, trusted)) {
        return { ok: false, error: { kind: 'refused', message: 'Only the Vitre window may use this.' } };
      }
      return api.invoke(command, input);
    });
  }
  const unsubscribe = api.subscribe((message) => {
    if (!window.isDestroyed()) window.send(EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    for (const command of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(command));
  };
}
