// Secrets (cloud credentials, the backup passphrase when the user asks Vitre to remember it) are
// encrypted with the operating system's keychain through Electron's safeStorage. Without a
// keychain (e.g. Linux with no secret service) nothing is stored in clear: the user is told.
import type { SafeStorage } from 'electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SecretStore } from '../core/cloud/index.ts';
import { sessionSecrets, type KeptSecrets } from '../core/api/secret-keeping.ts';
import { makeFolderSync } from '../core/files/make-folder.ts';

export class SecretStorageError extends Error {
  readonly kind = 'unsupported';
  constructor(message: string) {
    super(message);
    this.name = 'SecretStorageError';
  }
}

export interface SecretBox {
  seal(secret: string): Buffer;
  open(sealed: Buffer): string;
}

export function secretBox(storage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>): SecretBox {
  const check = () => {
    if (!storage.isEncryptionAvailable()) {
      throw new SecretStorageError(
        'This computer offers no keychain to protect saved passwords, so Vitre will not save them. ' +
          'On Linux, install and unlock a secret service (GNOME Keyring or KWallet), or type the password each time.',
      );
    }
  };
  return {
    seal(secret) {
      check();
      return storage.encryptString(secret);
    },
    open(sealed) {
      check();
      return storage.decryptString(sealed);
    },
  };
}

/** The sealed secrets on disk: base64 of what safeStorage returned, never the secret itself. */
export const SECRETS_FILE = 'secrets.sealed.json';

/**
 * The SecretStore (main/core/cloud/secret-store.ts) of the desktop app: each secret sealed by the
 * keychain and kept in the data folder, readable by this user only, written atomically.
 */
export class KeychainSecretStore implements SecretStore {
  readonly #box: SecretBox;
  readonly #file: string;

  constructor(box: SecretBox, home: string) {
    this.#box = box;
    this.#file = path.join(home, SECRETS_FILE);
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = this.#read()[name];
    return sealed === undefined ? undefined : this.#box.open(Buffer.from(sealed, 'base64'));
  }

  async set(name: string, secret: string): Promise<void> {
    this.#write({ ...this.#read(), [name]: this.#box.seal(secret).toString('base64') });
  }

  async delete(name: string): Promise<void> {
    const { [name]: _, ...rest } = this.#read();
    this.#write(rest);
  }

  #read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.#file, 'utf8')) as unknown;
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  #write(sealed: Record<string, string>): void {
    makeFolderSync(path.dirname(this.#file));
    const temporary = `${this.#file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, this.#file);
  }
}

/**
 * The keychain when the system offers one; otherwise secrets stay in memory for this run only
 * and the interface says they must be typed again after a restart.
 */
export function desktopSecrets(storage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, home: string): KeptSecrets {
  if (!storage.isEncryptionAvailable()) return sessionSecrets();
  return { store: new KeychainSecretStore(secretBox(storage), home), where: 'keychain' };
}
