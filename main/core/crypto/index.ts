// The encryption API the rest of the engine uses: age v1 files, keys, and the repository key.
export { decrypt, encrypt, encryptFrom, reopenEncryption, startEncryption } from './age-file.ts';
export type { CipherOptions, EncryptionStart, Identity, PassphraseIdentity, PassphraseRecipient, Recipient } from './age-file.ts';
export { decryptBytes, encryptBytes } from './age-bytes.ts';
export type { ChunkCipher } from './chunk-cipher.ts';
export { CryptoError } from './crypto-error.ts';
export type { CryptoErrorKind } from './crypto-error.ts';
export {
  formatIdentity,
  formatIdentityFile,
  formatRecipient,
  generateIdentity,
  parseIdentity,
  parseIdentityFile,
  parseRecipient,
  recipientOf,
} from './keys.ts';
export type { X25519Identity, X25519Recipient } from './keys.ts';
export {
  createRepositoryKey,
  decryptObject,
  encryptObject,
  objectName,
  REPOSITORY_KEY_FILE_NAME,
  unlockRepositoryKey,
} from './repository-key.ts';
export type { NewRepositoryKey, PassphraseOptions, RepositoryKey } from './repository-key.ts';
export { DEFAULT_MAX_WORK_FACTOR, DEFAULT_WORK_FACTOR } from './scrypt-stanza.ts';
