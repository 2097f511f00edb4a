// Secrets (cloud credentials, the backup passphrase when the user asks Vitre to remember it) are
// encrypted with the operating system's keychain through Electron's safeStorage. Without a
// keychain (e.g. Linux with no secret service) nothing is stored in clear: the user is told.
import type { SafeStorage } from 'electron';

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
