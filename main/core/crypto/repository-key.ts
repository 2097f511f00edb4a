// The repository key: one age X25519 identity per backup repository, stored in the destination
// as a passphrase-protected age file. The passphrase (scrypt, deliberately slow) is used once per
// session to unlock it; every object is then encrypted to its public key, which is fast. Anyone
// with the passphrase and the stock `age` tool can recover the key and every object (README.md).
import { createHmac, hkdfSync } from 'node:crypto';
import { decrypt, encrypt, type CipherOptions } from './age-file.ts';
import { decryptBytes, encryptBytes } from './age-bytes.ts';
import { CryptoError } from './crypto-error.ts';
import {
  formatIdentityFile,
  formatRecipient,
  generateIdentity,
  parseIdentityFile,
  recipientOf,
  type X25519Identity,
  type X25519Recipient,
} from './keys.ts';
import { checkPassphrase } from './scrypt-stanza.ts';

/** Where the sealed key file lives, at the top of a destination (README.md tells users so). */
export const REPOSITORY_KEY_FILE_NAME = 'key.age';

export interface RepositoryKey {
  readonly identity: X25519Identity;
  readonly recipient: X25519Recipient;
  /** The `age1...` text of the recipient, e.g. for `age -r`. */
  readonly recipientText: string;
}

export interface NewRepositoryKey extends RepositoryKey {
  /** The identity file (age-keygen's layout) encrypted with the passphrase: store it as is. */
  readonly sealedKeyFile: Uint8Array;
}

export interface PassphraseOptions extends CipherOptions {
  /** log2 of scrypt's N for the sealed key file; age's default 18 unless a test says. */
  readonly workFactor?: number;
}

export async function createRepositoryKey(passphrase: string, options: PassphraseOptions = {}): Promise<NewRepositoryKey> {
  checkPassphrase(passphrase);
  const identity = generateIdentity();
  const identityFile = new TextEncoder().encode(formatIdentityFile(identity));
  const recipient = { kind: 'passphrase', passphrase, workFactor: options.workFactor } as const;
  const sealedKeyFile = await encryptBytes(identityFile, [recipient], options);
  return { ...repositoryKeyOf(identity), sealedKeyFile };
}

/** Opens the sealed key file; a `wrong-passphrase` error (and nothing else done) when it does not. */
export async function unlockRepositoryKey(
  sealedKeyFile: Uint8Array,
  passphrase: string,
  options: CipherOptions = {},
): Promise<RepositoryKey> {
  checkPassphrase(passphrase);
  const identityFile = await decryptBytes(sealedKeyFile, [{ kind: 'passphrase', passphrase }], options);
  let identities: X25519Identity[];
  try {
    identities = parseIdentityFile(new TextDecoder('utf-8', { fatal: true }).decode(identityFile));
  } catch (cause) {
    throw new CryptoError('corrupt', 'The repository key file does not hold an age key. Restore it from another copy.', { cause });
  }
  if (identities.length !== 1) {
    throw new CryptoError('corrupt', 'The repository key file holds more than one key; Vitre writes exactly one.');
  }
  return repositoryKeyOf(identities[0]!);
}

/**
 * The name an object is stored under: HMAC-SHA-256 of its content hash, keyed from the
 * repository identity. Equal contents get equal names (deduplication), but the destination
 * cannot tell which content a name stands for without the key. 64 lower-case hex characters.
 */
export function objectName(key: RepositoryKey, contentHash: string | Uint8Array): string {
  return createHmac('sha256', nameKeyOf(key)).update(contentHash).digest('hex');
}

/** Encrypts an object's bytes to the repository key. */
export function encryptObject(
  source: AsyncIterable<Uint8Array>,
  key: RepositoryKey,
  options: CipherOptions = {},
): AsyncGenerator<Uint8Array> {
  return encrypt(source, [key.recipient], options);
}

/** Decrypts an object with the repository key (see `decrypt` for how errors surface). */
export function decryptObject(
  source: AsyncIterable<Uint8Array>,
  key: RepositoryKey,
  options: CipherOptions = {},
): AsyncGenerator<Uint8Array> {
  return decrypt(source, [key.identity], options);
}

function repositoryKeyOf(identity: X25519Identity): RepositoryKey {
  const recipient = recipientOf(identity);
  return { identity, recipient, recipientText: formatRecipient(recipient) };
}

const nameKeys = new WeakMap<X25519Identity, Buffer>();

/** A key for names only, derived so that it reveals nothing about the decryption key. */
function nameKeyOf(key: RepositoryKey): Buffer {
  let nameKey = nameKeys.get(key.identity);
  if (nameKey === undefined) {
    nameKey = Buffer.from(hkdfSync('sha256', key.identity.secretKey, new Uint8Array(0), 'vitre.object-name.v1', 32));
    nameKeys.set(key.identity, nameKey);
  }
  return nameKey;
}
