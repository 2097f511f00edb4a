// Encrypting and decrypting whole age v1 files as streams: header, then payload. Sources are
// any async iterable of bytes (a Node Readable, a web ReadableStream, a generator); results are
// async generators, so they plug into `stream.pipeline(source, encryptor, sink)`,
// `Readable.from(...)` or `ReadableStream.from(...)` with backpressure and flat memory.
import { randomBytes } from 'node:crypto';
import type { ChunkCipher } from './chunk-cipher.ts';
import { corrupt, CryptoError } from './crypto-error.ts';
import { FILE_KEY_BYTES } from './file-key.ts';
import { verifyHeaderMac, writeHeader, type Header, type Stanza } from './header.ts';
import { readHeader } from './header-reader.ts';
import type { X25519Identity, X25519Recipient } from './keys.ts';
import type { EncryptionStart } from './encrypt-from.ts';
import { newPayloadNonce, openPayload, PAYLOAD_NONCE_BYTES, sealPayload } from './payload-stream.ts';
import {
  DEFAULT_MAX_WORK_FACTOR,
  DEFAULT_WORK_FACTOR,
  SCRYPT_STANZA,
  unwrapPassphrase,
  wrapForPassphrase,
} from './scrypt-stanza.ts';
import { sodiumCipher } from './sodium-cipher.ts';
import { unwrapX25519, wrapForX25519, X25519_STANZA } from './x25519-stanza.ts';

export { encryptFrom, type EncryptionStart } from './encrypt-from.ts';

/** Who can open a file: an age public key, or a passphrase (alone: age allows no mix). */
export type Recipient = X25519Recipient | PassphraseRecipient;
export interface PassphraseRecipient {
  readonly kind: 'passphrase';
  readonly passphrase: string;
  /** log2 of scrypt's N; defaults to age's 18. */
  readonly workFactor?: number;
}

/** What opens a file: an age secret key, or a passphrase. */
export type Identity = X25519Identity | PassphraseIdentity;
export interface PassphraseIdentity {
  readonly kind: 'passphrase';
  readonly passphrase: string;
  /** The highest work factor accepted; defaults to 20. */
  readonly maxWorkFactor?: number;
}

export interface CipherOptions {
  /** The ChaCha20-Poly1305 implementation; sodium-native unless a test or benchmark says. */
  readonly cipher?: ChunkCipher;
}

/** Encrypts `source` to `recipients`; yields the age file's bytes. */
export async function* encrypt(
  source: AsyncIterable<Uint8Array>,
  recipients: readonly Recipient[],
  options: CipherOptions = {},
): AsyncGenerator<Uint8Array> {
  const cipher = options.cipher ?? sodiumCipher;
  const fileKey = new Uint8Array(randomBytes(FILE_KEY_BYTES));
  const stanzas = await wrapFileKeyFor(cipher, recipients, fileKey);
  yield writeHeader(stanzas, fileKey);
  yield* sealPayload(source, fileKey, cipher);
}

/** A fresh start: a random file key wrapped for `recipients`, and a random payload nonce. */
export async function startEncryption(recipients: readonly Recipient[], options: CipherOptions = {}): Promise<EncryptionStart> {
  const cipher = options.cipher ?? sodiumCipher;
  const fileKey = new Uint8Array(randomBytes(FILE_KEY_BYTES));
  const header = writeHeader(await wrapFileKeyFor(cipher, recipients, fileKey), fileKey);
  const payloadNonce = newPayloadNonce();
  const bytes = new Uint8Array(header.byteLength + payloadNonce.byteLength);
  bytes.set(header, 0);
  bytes.set(payloadNonce, header.byteLength);
  return { bytes, fileKey, payloadNonce };
}

/** A start written earlier (its `bytes`), opened again with an identity it was made for. */
export async function reopenEncryption(bytes: Uint8Array, identities: readonly Identity[], options: CipherOptions = {}): Promise<EncryptionStart> {
  const cipher = options.cipher ?? sodiumCipher;
  const { header, rest } = await readHeader((async function* () { yield bytes; })());
  if (rest.byteLength !== PAYLOAD_NONCE_BYTES) throw corrupt('the saved start of the file has no payload nonce');
  const fileKey = await findFileKey(cipher, header, identities);
  verifyHeaderMac(header, fileKey);
  return { bytes: new Uint8Array(bytes), fileKey, payloadNonce: new Uint8Array(rest) };
}

/**
 * Decrypts an age file. The header is checked before any plaintext is yielded; payload chunks
 * are each authenticated before they are yielded, and a damaged, cut or extended file throws a
 * `corrupt` error at the point it is found — so a caller writes to a temporary place and keeps
 * the result only when the whole stream has been read without error.
 */
export async function* decrypt(
  source: AsyncIterable<Uint8Array>,
  identities: readonly Identity[],
  options: CipherOptions = {},
): AsyncGenerator<Uint8Array> {
  const cipher = options.cipher ?? sodiumCipher;
  const input = source[Symbol.asyncIterator]();
  try {
    const { header, rest } = await readHeader(input);
    const fileKey = await findFileKey(cipher, header, identities);
    verifyHeaderMac(header, fileKey);
    yield* openPayload(prepend(rest, input), fileKey, cipher);
  } finally {
    await input.return?.();
  }
}

async function wrapFileKeyFor(
  cipher: ChunkCipher,
  recipients: readonly Recipient[],
  fileKey: Uint8Array,
): Promise<Stanza[]> {
  if (recipients.length === 0) throw new CryptoError('invalid-key', 'An encrypted file needs at least one recipient.');
  const passphrase = recipients.find((recipient) => recipient.kind === 'passphrase');
  if (passphrase !== undefined) {
    if (recipients.length > 1) {
      throw new CryptoError('invalid-key', 'A passphrase-protected file cannot also be encrypted to keys.');
    }
    return [await wrapForPassphrase(cipher, passphrase.passphrase, passphrase.workFactor ?? DEFAULT_WORK_FACTOR, fileKey)];
  }
  const keys = recipients.filter((recipient): recipient is X25519Recipient => recipient.kind === 'x25519');
  return keys.map((recipient) => wrapForX25519(cipher, recipient, fileKey));
}

async function findFileKey(cipher: ChunkCipher, header: Header, identities: readonly Identity[]): Promise<Uint8Array> {
  const scrypt = header.stanzas.filter((stanza) => stanza.args[0] === SCRYPT_STANZA);
  if (scrypt.length > 0) {
    // A passphrase file holds exactly one stanza (age-encryption.org/v1, "scrypt recipient type").
    if (header.stanzas.length !== 1) {
      throw new CryptoError('corrupt', 'This file mixes a passphrase with other keys, which age never writes. It may have been tampered with.');
    }
    const passphrase = identities.find((identity) => identity.kind === 'passphrase');
    if (passphrase === undefined) {
      throw new CryptoError('no-matching-key', 'This file is protected by a passphrase, not by a key. Enter the passphrase.');
    }
    return unwrapPassphrase(cipher, passphrase.passphrase, passphrase.maxWorkFactor ?? DEFAULT_MAX_WORK_FACTOR, scrypt[0]!);
  }
  for (const identity of identities) {
    if (identity.kind !== 'x25519') continue;
    for (const stanza of header.stanzas) {
      if (stanza.args[0] !== X25519_STANZA) continue;
      const fileKey = unwrapX25519(cipher, identity, stanza);
      if (fileKey !== undefined) return fileKey;
    }
  }
  throw new CryptoError(
    'no-matching-key',
    'None of the keys given opens this file: it was encrypted to another key, or its header is damaged.',
  );
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}
