// The categories' public face: look one up by the name the user typed.
import { appsCategory } from './apps.ts';
import { callsCategory } from './calls.ts';
import { CATEGORY_NAMES, isCategoryName, type Category } from './category.ts';
import { contactsCategory } from './contacts.ts';
import { customFolderCategory, FOLDER_CATEGORIES } from './file-categories.ts';
import { messagesCategory } from './messages.ts';
import { notesCategory } from './notes.ts';

export * from './category.ts';
export { customFolderCategory, SHARED_STORAGE } from './file-categories.ts';
export { installedApps, type InstalledApp } from './apps.ts';
export { readNotes, type Note } from './notes.ts';

const BY_NAME = new Map<string, Category>(
  [...FOLDER_CATEGORIES, contactsCategory, messagesCategory, callsCategory, notesCategory, appsCategory].map((c) => [c.name, c]),
);

export class UnknownCategoryError extends Error {
  readonly kind = 'unknown-category';
  readonly permanent = true;
  constructor(name: string, message = `"${name}" is not a category. Use one of: ${CATEGORY_NAMES.join(', ')}, or custom:/sdcard/FOLDER for a folder of your own.`) {
    super(message);
    this.name = 'UnknownCategoryError';
  }
}

/** A category by name: one of CATEGORY_NAMES, or `custom:/sdcard/Some folder`. */
export function categoryNamed(name: string): Category {
  if (name.startsWith('custom:')) return customFolderCategory(customFolder(name));
  if (!isCategoryName(name)) throw new UnknownCategoryError(name);
  return BY_NAME.get(name) as Category;
}

/**
 * The folder of `custom:FOLDER`: a whole path on the phone. "custom:" alone once backed up the
 * phone's root, and a path with `..` names another folder than the one it spells.
 */
function customFolder(name: string): string {
  const folder = name.slice('custom:'.length);
  if (folder.startsWith('/') && !folder.split('/').some((part) => part === '.' || part === '..')) return folder;
  throw new UnknownCategoryError(name, `"${name}" does not name a folder on the phone. Write custom: and the folder's whole path, without . or .., such as custom:/sdcard/WhatsApp.`);
}

/** Every built-in category, in backup order. */
export function allCategories(): Category[] {
  return CATEGORY_NAMES.map((name) => BY_NAME.get(name) as Category);
}
