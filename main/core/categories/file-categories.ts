// The categories that are plain files on the phone's shared storage, by the folders Android and
// its camera, screenshot and recorder apps write to (Environment.DIRECTORY_* in
// frameworks/base/core/java/android/os/Environment.java). Pictures/Screenshots and
// DCIM/Screenshots are screenshots, not photos.
import type { Category, CategoryContext, CategoryScan, PhoneFile } from './category.ts';
import { walkFiles } from './walk-files.ts';

/** The primary user's shared storage (what /sdcard points to on Android 4.2+). */
export const SHARED_STORAGE = '/storage/emulated/0';

const IMAGE = /\.(jpe?g|png|gif|heic|heif|webp|dng|raw|bmp|avif)$/i;
const VIDEO = /\.(mp4|3gp|mkv|mov|webm|avi|m4v|ts)$/i;
const SCREENSHOT_FOLDERS = ['Pictures/Screenshots', 'DCIM/Screenshots'].map((f) => `${SHARED_STORAGE}/${f}`);

const under = (folders: readonly string[]) => (path: string) => folders.some((f) => path === f || path.startsWith(`${f}/`));
const isScreenshotFolder = under(SCREENSHOT_FOLDERS);
// Gallery caches (DCIM/.thumbnails), trash (.trashed-*) and app-private hidden folders are not
// the user's photos; the files they stand for are backed up where they really are.
const isHiddenOrScreenshots = (path: string) => isScreenshotFolder(path) || /\/\.[^/]*$/.test(path);

interface FolderCategorySpec {
  name: string;
  roots: readonly string[];
  accept?: (path: string) => boolean;
  skipFolder?: (path: string) => boolean;
}

const SPECS: readonly FolderCategorySpec[] = [
  {
    name: 'photos',
    roots: ['DCIM', 'Pictures'].map((f) => `${SHARED_STORAGE}/${f}`),
    accept: (path) => IMAGE.test(path),
    skipFolder: isHiddenOrScreenshots,
  },
  {
    name: 'videos',
    roots: ['DCIM', 'Movies', 'Pictures'].map((f) => `${SHARED_STORAGE}/${f}`),
    accept: (path) => VIDEO.test(path),
    skipFolder: isHiddenOrScreenshots,
  },
  { name: 'screenshots', roots: SCREENSHOT_FOLDERS },
  { name: 'documents', roots: [`${SHARED_STORAGE}/Documents`] },
  { name: 'downloads', roots: [`${SHARED_STORAGE}/Download`] },
  {
    name: 'audio',
    roots: ['Music', 'Recordings', 'Podcasts', 'Audiobooks', 'Ringtones', 'Notifications', 'Alarms'].map((f) => `${SHARED_STORAGE}/${f}`),
  },
];

/** A category made of every regular file under some folders. */
export function folderCategory(spec: FolderCategorySpec): Category {
  const listFiles = (context: CategoryContext): Promise<PhoneFile[]> =>
    walkFiles({
      device: context.device,
      category: spec.name,
      roots: spec.roots,
      ...(spec.accept ? { accept: spec.accept } : {}),
      ...(spec.skipFolder ? { skipFolder: spec.skipFolder } : {}),
      onProblem: context.onProblem,
      ...(context.signal ? { signal: context.signal } : {}),
    });
  return {
    name: spec.name,
    listFiles,
    async scan(context): Promise<CategoryScan> {
      const files = await listFiles(context);
      return { category: spec.name, state: 'ok', items: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
    },
  };
}

export const FOLDER_CATEGORIES: readonly Category[] = SPECS.map(folderCategory);

/**
 * A path as people (and `adb`) write it, as snapshots record it: "/sdcard/..." is shared storage's
 * usual name, and a final slash says nothing more.
 */
export function phonePath(path: string): string {
  return path.replace(/^\/sdcard(?=\/|$)/, SHARED_STORAGE).replace(/\/+$/, '');
}

/** A folder the user added ("custom:/sdcard/WhatsApp"): everything under it. */
export function customFolderCategory(folder: string): Category {
  const path = phonePath(folder) || '/';
  return folderCategory({ name: `custom:${path}`, roots: [path] });
}
