// What the window itself may fetch: only the app's own files. The interface never needs the
// network (phones and clouds are reached by the engine, through the egress guard), so anything
// else is blocked and recorded in the Activity log, where the user can see it was attempted.
import { isAppUrl } from './app-origin.ts';

export interface WebRequestVerdict {
  cancel: boolean;
  /** Filled when the attempt must appear in the Activity log. */
  record?: { url: string; host: string; port: number; method: string; reason: string };
}

// devtools:// serves the developer tools' own pages when the user opens them.
const LOCAL_SCHEMES = new Set(['devtools:', 'chrome-extension:']);

export function webRequestVerdict(details: { url: string; method: string }): WebRequestVerdict {
  if (isAppUrl(details.url)) return { cancel: false };
  let parsed: URL;
  try {
    parsed = new URL(details.url);
  } catch {
    // Unparsable: nothing can be fetched from it anyway; block without a record.
    return { cancel: true };
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return { cancel: false };
  const defaultPort = parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 443 : 80;
  return {
    cancel: true,
    record: {
      url: details.url,
      host: parsed.hostname,
      port: parsed.port === '' ? defaultPort : Number(parsed.port),
      method: details.method,
      reason: 'The Vitre window never needs the network; only the engine may connect, through the egress guard.',
    },
  };
}
