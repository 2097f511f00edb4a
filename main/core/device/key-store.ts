// The RSA key Vitre signs ADB auth tokens with. Stored like Google's adb stores its own
// (~/.android/adbkey: PKCS#8 PEM, mode 0600, plus adbkey.pub in Android's public-key format,
// AOSP adb/client/auth.cpp), and adb's own key is tried first, so a phone that already trusts
// this computer's adb also trusts Vitre without a new prompt.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { adbGeneratePublicKey, type AdbCredentialStore, type AdbPrivateKey } from '@yume-chan/adb';
import { DeviceError, describeError } from './errors.ts';
import { makeFolderSync } from '../files/make-folder.ts';

/** Vitre's data folder: $VITRE_HOME, else $XDG_CONFIG_HOME/vitre, else ~/.config/vitre. */
export function vitreHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VITRE_HOME) return env.VITRE_HOME;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'vitre');
  return join(homedir(), '.config', 'vitre');
}

/** Where Google's adb keeps its key (adb/adb_utils.cpp, adb_get_android_dir_path). */
export function androidFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ANDROID_USER_HOME) return env.ANDROID_USER_HOME;
  if (env.ANDROID_SDK_HOME) return join(env.ANDROID_SDK_HOME, '.android');
  return join(env.HOME || homedir(), '.android');
}

export interface KeyStoreOptions {
  /** Folder for Vitre's own adbkey; default vitreHome(). */
  folder?: string;
  /** Folder holding adb's adbkey to reuse; default androidFolder(); null to never reuse it. */
  androidFolder?: string | null;
}

/** `base64(RSAPublicKey) user@host`, the line a phone stores in /data/misc/adb/adb_keys. */
export function androidPublicKey(pkcs8: Uint8Array, name = keyName()): string {
  return `${Buffer.from(adbGeneratePublicKey(pkcs8)).toString('base64')} ${name}`;
}

function keyName(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    // userInfo() throws for a uid without a passwd entry (some containers): the name is cosmetic
    return `vitre@${hostname()}`;
  }
}

function readKey(path: string): Uint8Array | undefined {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    // absent or unreadable: this key simply is not available
    return undefined;
  }
  try {
    return new Uint8Array(createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' }));
  } catch (error) {
    throw new DeviceError(
      'invalid-input',
      `The key file ${path} is not a valid RSA private key (${describeError(error)}). Move it away and Vitre will create a new one.`,
    );
  }
}

export class KeyStore implements AdbCredentialStore {
  readonly folder: string;
  readonly #androidFolder: string | null;

  constructor(options: KeyStoreOptions = {}) {
    this.folder = options.folder ?? vitreHome();
    this.#androidFolder = options.androidFolder === undefined ? androidFolder() : options.androidFolder;
  }

  get keyPath(): string {
    return join(this.folder, 'adbkey');
  }

  /** Vitre's own key, created (with adbkey.pub) on first use. */
  ensureKey(): Uint8Array {
    return readKey(this.keyPath) ?? this.#create();
  }

  /** The public key line(s) a phone must trust for Vitre to connect, Vitre's own first. */
  publicKeys(): string[] {
    return [...this.#keys()].map((key) => androidPublicKey(key.buffer));
  }

  generateKey(): AdbPrivateKey {
    return { buffer: this.#create(), name: keyName() };
  }

  *iterateKeys(): Generator<AdbPrivateKey> {
    yield* this.#keys();
  }

  *#keys(): Generator<AdbPrivateKey> {
    const name = keyName();
    const own = this.ensureKey();
    yield { buffer: own, name };
    if (this.#androidFolder === null) return;
    const adbKey = readKey(join(this.#androidFolder, 'adbkey'));
    if (adbKey && !Buffer.from(adbKey).equals(Buffer.from(own))) yield { buffer: adbKey, name };
  }

  #create(): Uint8Array {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const der = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
    try {
      makeFolderSync(this.folder, 0o700);
      writeAtomically(this.keyPath, pem, 0o600);
      writeAtomically(`${this.keyPath}.pub`, `${androidPublicKey(der)}\n`, 0o644);
    } catch (error) {
      throw new DeviceError(
        'refused',
        `Vitre could not save its connection key in ${this.folder} (${describeError(error)}). Check that the folder is writable, or set VITRE_HOME to one that is.`,
      );
    }
    return der;
  }
}

function writeAtomically(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode, flag: 'w' });
  renameSync(temporary, path);
}
