// Where the window may go: nowhere but the app. Navigation away is cancelled, new windows are
// refused, and web links the user clicks open in their own browser (https only), outside Vitre.
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './app-origin.ts';

/** For `will-navigate` and `will-redirect`: true means cancel. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** For `setWindowOpenHandler`: never a new Electron window. */
export function windowOpenDecision(details: Pick<HandlerDetails, 'url'>, openExternal: (url: string) => void): WindowOpenHandlerResponse {
  if (isSafeExternalLink(details.url)) openExternal(details.url);
  return { action: 'deny' };
}

export function isSafeExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    // Unparsable: never handed to the system.
    return false;
  }
}
