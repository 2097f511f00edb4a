// What every category is: something on the phone Vitre can count without transferring (`scan`)
// and then produce for a backup — phone files to pull (`listFiles`), files Vitre writes itself from
// the phone's data (`exportTo`: contacts.vcf, sms.xml...), or both (apps: a list plus the APKs).
import type { Device } from '../device/index.ts';

/** The categories a user can tick, in the order a backup runs them. */
export const CATEGORY_NAMES = [
  'photos',
  'videos',
  'screenshots',
  'documents',
  'downloads',
  'audio',
  'contacts',
  'messages',
  'calls',
  'notes',
  'apps',
] as const;

export type CategoryName = (typeof CATEGORY_NAMES)[number];

export function isCategoryName(name: string): name is CategoryName {
  return (CATEGORY_NAMES as readonly string[]).includes(name);
}

/** A regular file on the phone, as its listing described it. */
export interface PhoneFile {
  /** Absolute path on the phone, e.g. /storage/emulated/0/DCIM/Camera/IMG_1.jpg. */
  path: string;
  size: number;
  /** Seconds since the epoch (what sync STAT/LIST report). */
  mtime: number;
  /** Full st_mode. */
  mode: number;
}

export type ItemProblemKind =
  /** The phone reported a name no real file can have ('/', NUL, '.', '..'). */
  | 'impossible-name'
  /** A symbolic link: never followed (it may point anywhere on the phone, or loop). */
  | 'symlink-skipped'
  /** The file's size on the phone did not match what it sent. */
  | 'size-mismatch'
  /** Reading the file (or folder) failed on the phone. */
  | 'read-failed'
  /** Writing the copy on this computer failed. */
  | 'write-failed';

/** One item that could not be backed up, and why, in the user's words. The rest continues. */
export interface ItemProblem {
  category: string;
  path: string;
  kind: ItemProblemKind;
  message: string;
}

export type CategoryState = 'ok' | 'not-available' | 'not-allowed' | 'failed';

export interface CategoryScan {
  category: string;
  state: CategoryState;
  /** Files, contacts, messages, calls, notes or apps found. */
  items: number;
  /** Bytes of the files found (0 for data Vitre exports: its size is known only once written). */
  bytes: number;
  /** Why the category is not available or not allowed, and what to try. */
  message?: string;
}

/** A file Vitre wrote from the phone's data, ready to be stored. */
export interface ExportedFile {
  /** The name it is recorded under in the snapshot, e.g. "Contacts/contacts.vcf". */
  name: string;
  /** Where it was written (inside the folder given to exportTo). */
  file: string;
  /** How many contacts, messages... it holds. */
  items: number;
}

export interface ExportResult {
  files: ExportedFile[];
  /** Set when the phone refused or lacks this data; `files` is then empty. */
  state: CategoryState;
  message?: string;
}

/**
 * What a category works with. A backup passes the same object to all the calls of its run (a scan,
 * to all of one category's), so a category may keep what it read from the phone, keyed on it
 * (apps.ts).
 */
export interface CategoryContext {
  device: Device;
  signal?: AbortSignal;
  /** Called for each item that cannot be backed up; the category carries on. */
  onProblem: (problem: ItemProblem) => void;
  /**
   * Called as an export writes each item it read from the phone (a message, a contact, a call,
   * a note), for progress while a long export runs; exports learn their total only at the end.
   */
  onItem?: () => void;
}

export interface Category {
  name: string;
  scan(context: CategoryContext): Promise<CategoryScan>;
  /** The phone files this category backs up. */
  listFiles?(context: CategoryContext): Promise<PhoneFile[]>;
  /** Writes this category's exported files into `folder`. */
  exportTo?(context: CategoryContext, folder: string, backupDate: number): Promise<ExportResult>;
}
