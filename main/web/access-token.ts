// The per-launch secret that every API request must carry. It is generated fresh each time the
// host starts and only ever printed in the URL's fragment (#token=...), which browsers do not send
// to servers or put in Referer headers.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: valid in a URL fragment and as a WebSocket subprotocol token. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the content nor the
 * length of the expected token leaks through timing.
 */
export function tokensMatch(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
