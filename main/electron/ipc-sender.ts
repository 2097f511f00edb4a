// Every IPC message is checked for who sent it: the app's own window, showing a page of the app,
// from its top frame. A page that somehow got into the window (or an iframe) cannot call the API.
import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-origin.ts';

export interface TrustedSender {
  /** webContents.id of the app's window. */
  webContentsId: number;
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { id: number } }, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (frame === null || event.sender.id !== trusted.webContentsId) return false;
  return frame.parent === null && isAppUrl(frame.url);
}
