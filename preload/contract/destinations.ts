// The Destinations screen's data: the cloud destinations the user added (WebDAV, S3), whether they
// agreed to send backups there and which categories, the connection test, and the passphrase that
// encrypts everything sent. Secrets go in once and never come back out: views only say whether
// one is kept.
import { z } from 'zod';

const destinationName = z.string().trim().min(1, 'Give the destination a name, e.g. “Home NAS”.').max(80);
/** A password, secret key or passphrase: only ever sent to the engine, never returned. */
const secret = z.string().min(1).max(1024);
const address = z.string().trim().min(1, 'Type the address.').max(2048);

export const destinationKindSchema = z.enum(['webdav', 's3']);

export const destinationViewSchema = z.object({
  name: z.string(),
  kind: destinationKindSchema,
  /** The WebDAV folder address, or the S3 endpoint. */
  url: z.string(),
  /** The WebDAV user name, or the S3 access key id (not a secret). */
  user: z.string(),
  bucket: z.string().nullable(),
  region: z.string().nullable(),
  pathStyle: z.boolean().nullable(),
  prefix: z.string().nullable(),
  /** Where its requests go (what the network policy allows once the user agrees). */
  host: z.string(),
  port: z.number().int(),
  /** The user's recorded consent, or null: nothing is sent there without it. */
  consentAt: z.string().nullable(),
  /** What was agreed then: only a connection test, or sending backups. */
  consentScope: z.enum(['connect', 'backup']).nullable(),
  /** Categories the user agreed to send there. */
  categories: z.array(z.string()),
  /** Whether the password or secret key is kept (this run only, or in the keychain). */
  hasSecret: z.boolean(),
  /** Whether an encryption passphrase is kept for it. */
  hasPassphrase: z.boolean(),
  addedAt: z.string(),
});

export const destinationListSchema = z.object({
  destinations: z.array(destinationViewSchema),
  /**
   * Where secrets are kept: 'keychain' (the desktop app, encrypted by the operating system) or
   * 'session' (the web host: in memory until Vitre stops, then typed again).
   */
  secretsKept: z.enum(['keychain', 'session']),
});

export const destinationAddInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webdav'), name: destinationName, url: address, username: z.string().trim().min(1, 'Type the user name.').max(300), secret }),
  z.strictObject({
    kind: z.literal('s3'), name: destinationName, endpoint: address, region: z.string().trim().min(1, 'Type the region, e.g. eu-central-1.').max(64),
    bucket: z.string().trim().min(1, 'Type the bucket name.').max(255), accessKeyId: z.string().trim().min(1, 'Type the access key id.').max(300),
    secret, pathStyle: z.boolean(), prefix: z.string().trim().max(500).optional(),
  }),
]);

export const destinationNameInputSchema = z.strictObject({ name: destinationName });

export const destinationSecretInputSchema = z.strictObject({ name: destinationName, secret });

/** The passphrase typed twice: a typo would lock the user out of every backup there. */
export const destinationPassphraseInputSchema = z.strictObject({ name: destinationName, passphrase: secret, confirmation: secret });

export const destinationConsentInputSchema = z.strictObject({
  name: destinationName,
  /** The categories the user agreed to send there now (empty: only connecting, e.g. to test it). */
  categories: z.array(z.string().min(1).max(64)).max(64),
});

export const probeStepSchema = z.object({
  step: z.enum(['reach', 'credentials', 'write', 'read', 'delete']),
  ok: z.boolean(),
  message: z.string(),
});

export const destinationTestSchema = z.object({ name: z.string(), ok: z.boolean(), steps: z.array(probeStepSchema) });

/** Opening the key on the destination with the kept passphrase, and reading its snapshot list. */
export const passphraseCheckSchema = z.object({
  name: z.string(),
  /** False when no backup was sent there yet (nothing to decrypt). */
  hasBackup: z.boolean(),
  /** Snapshots listed in the decrypted catalog. */
  snapshots: z.number().int().nonnegative(),
});

export type DestinationKind = z.infer<typeof destinationKindSchema>;
export type DestinationView = z.infer<typeof destinationViewSchema>;
export type DestinationList = z.infer<typeof destinationListSchema>;
export type DestinationAddInput = z.infer<typeof destinationAddInputSchema>;
export type ProbeStepView = z.infer<typeof probeStepSchema>;
export type DestinationTest = z.infer<typeof destinationTestSchema>;
export type PassphraseCheck = z.infer<typeof passphraseCheckSchema>;
