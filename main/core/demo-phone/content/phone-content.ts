// Everything the simulated shell can see: the phone's files, apps, providers and properties.
import type { PhoneOptions } from '../options.ts';
import type { InstalledApp } from './apps.ts';
import type { FileTree } from './file-tree.ts';
import type { ContentProviders } from './providers/content-providers.ts';

export interface PhoneContent {
  readonly options: PhoneOptions;
  readonly properties: ReadonlyMap<string, string>;
  readonly tree: FileTree;
  readonly apps: readonly InstalledApp[];
  readonly providers: ContentProviders;
  /** The phone's "now" in seconds, derived from the seed (content is dated before it). */
  readonly epoch: number;
}
