// The one place destinations are assembled (restic's `internal/global/global.go`): a backend
// from its configuration, then the decorators, always in the same order —
//   activity context → retry → concurrency limit → backend
// so every attempt is stamped with its purpose, and a request waiting out a backoff holds no
// slot. Secrets travel separately from the configuration, which is safe to store and show.
import * as path from 'node:path';
import { ActivityDestination } from './activity-destination.ts';
import type { Destination } from './destination.ts';
import { DestinationError } from './destination-error.ts';
import { FolderDestination } from './folder-destination.ts';
import { LimitedDestination } from './limited-destination.ts';
import { RetryDestination, type RetryOptions } from './retry-destination.ts';
import { S3Destination, type S3DestinationOptions } from './s3-destination.ts';
import { WebdavDestination } from './webdav-destination.ts';

export interface FolderConfig {
  kind: 'folder';
  path: string;
}

export interface WebdavConfig {
  kind: 'webdav';
  url: string;
  username: string;
}

export interface S3Config {
  kind: 's3';
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  pathStyle: boolean;
  /** Key prefix inside the bucket, e.g. "vitre/". */
  prefix?: string;
}

export type DestinationConfig = (FolderConfig | WebdavConfig | S3Config) & {
  /** What the user calls it; shown in Activity and in errors. */
  name: string;
};

/** The WebDAV password or the S3 secret access key; never stored with the configuration. */
export interface DestinationSecrets {
  password?: string;
  secretAccessKey?: string;
}

export interface OpenOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  retry?: RetryOptions;
  /** Where resumable uploads keep their state (the app's data folder); none: no resume. */
  stateFolder?: string;
  /** The module named in Activity (default: this folder). */
  module?: string;
  /** Tuning for S3 (tests use small parts and pages). */
  s3?: Pick<S3DestinationOptions, 'multipartThreshold' | 'partSize' | 'partConcurrency' | 'pageSize'>;
}

export interface OpenedDestination extends Destination {
  /** The undecorated backend, for backend-specific maintenance (S3 abandoned-upload cleanup). */
  readonly backend: Destination;
}

export function openDestination(config: DestinationConfig, secrets: DestinationSecrets = {}, options: OpenOptions = {}): OpenedDestination {
  const backend = openBackend(config, secrets, options);
  const limited = new LimitedDestination(backend, options.concurrency ?? 4);
  const retrying = new RetryDestination(limited, options.retry);
  const decorated = new ActivityDestination(retrying, { destination: config.name, module: options.module ?? 'main/core/destinations' });
  return Object.assign(decorated, { backend });
}

function openBackend(config: DestinationConfig, secrets: DestinationSecrets, options: OpenOptions): Destination {
  switch (config.kind) {
    case 'folder':
      return new FolderDestination({ name: config.name, path: config.path });
    case 'webdav':
      return new WebdavDestination({ name: config.name, url: config.url, username: config.username, password: required(config.name, secrets.password, 'password') });
    case 's3':
      return new S3Destination({
        name: config.name, endpoint: config.endpoint, region: config.region, bucket: config.bucket, accessKeyId: config.accessKeyId,
        secretAccessKey: required(config.name, secrets.secretAccessKey, 'secret access key'), pathStyle: config.pathStyle, prefix: config.prefix,
        stateFolder: options.stateFolder === undefined ? undefined : path.join(options.stateFolder, 's3-uploads'),
        ...options.s3,
      });
  }
}

function required(destination: string, secret: string | undefined, what: string): string {
  if (secret === undefined || secret === '') {
    throw new DestinationError('invalid-config', destination, `no ${what} was given. Set VITRE_DESTINATION_SECRET or enter it when asked.`);
  }
  return secret;
}
