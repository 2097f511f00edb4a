// Where the API keeps destination secrets (the WebDAV password or S3 secret key, and the
// encryption passphrase): the desktop app hands in a store sealed by the operating system's
// keychain; a host without one (the local web host) keeps them in this process's memory, and the
// interface tells the user to type them again after a restart. Never in a file in clear.
import { MemorySecretStore, type SecretStore } from '../cloud/index.ts';

export interface KeptSecrets {
  store: SecretStore;
  /** 'keychain': kept across restarts, encrypted; 'session': in memory until Vitre stops. */
  where: 'keychain' | 'session';
}

export function sessionSecrets(): KeptSecrets {
  return { store: new MemorySecretStore(), where: 'session' };
}

/** The store's key for a destination's password or secret key. */
export function credentialKey(destination: string): string {
  return `destination/${destination}`;
}

/** The store's key for the passphrase that encrypts what is sent to a destination. */
export function passphraseKey(destination: string): string {
  return `passphrase/${destination}`;
}

export async function forgetSecrets(secrets: KeptSecrets, destination: string): Promise<void> {
  await secrets.store.delete(credentialKey(destination));
  await secrets.store.delete(passphraseKey(destination));
}
