// age X25519 keys in their text forms: identities `AGE-SECRET-KEY-1...` (upper-case bech32) and
// recipients `age1...` (lower-case bech32), as age-keygen writes them
// (https://age-encryption.org/v1, "The X25519 recipient type"). age uses plain bech32 (not
// bech32m) without BIP-173's 90-character limit.
import { randomBytes } from 'node:crypto';
import { bech32 } from '@scure/base';
import { CryptoError } from './crypto-error.ts';
import { X25519_BYTES, x25519Public } from './x25519.ts';

const IDENTITY_PREFIX = 'age-secret-key-';
const RECIPIENT_PREFIX = 'age';

export interface X25519Identity {
  readonly kind: 'x25519';
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface X25519Recipient {
  readonly kind: 'x25519';
  readonly publicKey: Uint8Array;
}

export function generateIdentity(): X25519Identity {
  return identityFromSecret(new Uint8Array(randomBytes(X25519_BYTES)));
}

export function identityFromSecret(secretKey: Uint8Array): X25519Identity {
  if (secretKey.length !== X25519_BYTES) throw new CryptoError('invalid-key', 'An age secret key is 32 bytes.');
  return { kind: 'x25519', secretKey, publicKey: x25519Public(secretKey) };
}

export function recipientOf(identity: X25519Identity): X25519Recipient {
  return { kind: 'x25519', publicKey: identity.publicKey };
}

export function formatIdentity(identity: X25519Identity): string {
  return bech32.encode(IDENTITY_PREFIX, bech32.toWords(identity.secretKey), false).toUpperCase();
}

export function formatRecipient(recipient: X25519Recipient): string {
  return bech32.encode(RECIPIENT_PREFIX, bech32.toWords(recipient.publicKey), false);
}

export function parseIdentity(text: string): X25519Identity {
  // age writes identities upper-case only; a lower-case or mixed one is a typo or another format.
  if (text !== text.toUpperCase()) throw invalid('secret key', text);
  return identityFromSecret(decodeKey(text, IDENTITY_PREFIX, 'secret key'));
}

export function parseRecipient(text: string): X25519Recipient {
  if (text !== text.toLowerCase()) throw invalid('recipient', text);
  return { kind: 'x25519', publicKey: decodeKey(text, RECIPIENT_PREFIX, 'recipient') };
}

/** Parses an identity file as age-keygen writes it: `#` comments, blank lines, one key a line. */
export function parseIdentityFile(text: string): X25519Identity[] {
  const identities = text
    .split('\n')
    .map((line) => line.replace(/\r$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseIdentity);
  if (identities.length === 0) throw new CryptoError('invalid-key', 'This identity file holds no age secret key.');
  return identities;
}

/** The identity file text, in age-keygen's layout, so `age -d -i FILE` reads it as is. */
export function formatIdentityFile(identity: X25519Identity, created = new Date()): string {
  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `# created: ${stamp}\n` +
    `# public key: ${formatRecipient(recipientOf(identity))}\n` +
    `${formatIdentity(identity)}\n`
  );
}

function decodeKey(text: string, prefix: string, what: string): Uint8Array {
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(text as `${string}1${string}`, false);
  } catch (cause) {
    throw invalid(what, text, cause);
  }
  if (decoded.prefix !== prefix) throw invalid(what, text);
  const bytes = bech32.fromWordsUnsafe(decoded.words);
  if (bytes === undefined || bytes.length !== X25519_BYTES) throw invalid(what, text);
  return bytes;
}

function invalid(what: string, text: string, cause?: unknown): CryptoError {
  // Never echo a secret key back, even a malformed one: it may end up in a log.
  const shown = what === 'secret key' ? '' : ` "${text.slice(0, 80)}"`;
  return new CryptoError('invalid-key', `This is not a valid age ${what}${shown}. Check that it was copied whole.`, { cause });
}
