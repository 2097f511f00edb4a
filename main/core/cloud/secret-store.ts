// Where a destination's secret (WebDAV password, S3 secret access key) is kept between runs. The
// desktop app implements this with Electron's safeStorage (encrypted by the operating system's
// keychain); the CLI keeps nothing and takes the secret from the environment or a prompt each
// run. Secrets never go into destinations.json, the catalog, logs or exports.
import type { DestinationConfig, DestinationSecrets } from '../destinations/open-destination.ts';

export interface SecretStore {
  get(destination: string): Promise<string | undefined>;
  set(destination: string, secret: string): Promise<void>;
  delete(destination: string): Promise<void>;
}

/** Kept in memory for the life of the process only (tests; a session that saves nothing). */
export class MemorySecretStore implements SecretStore {
  readonly #secrets = new Map<string, string>();

  async get(destination: string): Promise<string | undefined> {
    return this.#secrets.get(destination);
  }

  async set(destination: string, secret: string): Promise<void> {
    this.#secrets.set(destination, secret);
  }

  async delete(destination: string): Promise<void> {
    this.#secrets.delete(destination);
  }
}

/** The one secret a destination of this kind needs, in the shape `openDestination` takes. */
export function secretsFor(config: DestinationConfig, secret: string | undefined): DestinationSecrets {
  if (secret === undefined) return {};
  switch (config.kind) {
    case 'folder':
      return {};
    case 'webdav':
      return { password: secret };
    case 's3':
      return { secretAccessKey: secret };
  }
}

/** True when the destination needs a secret to be opened. */
export function needsSecret(config: DestinationConfig): boolean {
  return config.kind !== 'folder';
}
