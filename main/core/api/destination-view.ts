// A stored destination as the interface sees it: its settings that are safe to show, the user's
// consent, and whether its secrets are kept — never the secrets themselves.
import type { DestinationView } from '../../../preload/contract/destinations.ts';
import { networkAddress, type StoredDestination } from '../cloud/index.ts';
import { consentedCategories } from './consented-categories.ts';
import { credentialKey, passphraseKey, type KeptSecrets } from './secret-keeping.ts';

export type CloudStoredDestination = Extract<StoredDestination, { kind: 'webdav' | 's3' }>;

export function isCloud(destination: StoredDestination): destination is CloudStoredDestination {
  return destination.kind === 'webdav' || destination.kind === 's3';
}

export async function destinationView(home: string, secrets: KeptSecrets, destination: CloudStoredDestination): Promise<DestinationView> {
  const address = networkAddress(destination)!;
  const s3 = destination.kind === 's3' ? destination : undefined;
  return {
    name: destination.name,
    kind: destination.kind,
    url: destination.kind === 's3' ? destination.endpoint : destination.url,
    user: destination.kind === 's3' ? destination.accessKeyId : destination.username,
    bucket: s3?.bucket ?? null,
    region: s3?.region ?? null,
    pathStyle: s3?.pathStyle ?? null,
    prefix: s3?.prefix ?? null,
    host: address.host,
    port: address.port,
    consentAt: destination.consent?.at ?? null,
    consentScope: destination.consent === undefined ? null : (destination.consent.scope ?? 'backup'),
    categories: destination.consent === undefined ? [] : consentedCategories(home, destination.name),
    hasSecret: (await secrets.store.get(credentialKey(destination.name))) !== undefined,
    hasPassphrase: (await secrets.store.get(passphraseKey(destination.name))) !== undefined,
    addedAt: destination.addedAt,
  };
}
