// A snapshot's entries as folders: what one folder holds, with chains of otherwise-empty folders
// (storage/emulated/0) shown as one step so the user reaches DCIM in one click, not four.
import type { KnownEntry } from '../backup/index.ts';
import type { HistoryBrowse, SnapshotFile, SnapshotFolder } from '../../../preload/contract/history.ts';
import { objectRelativePath } from '../backup/index.ts';

const IMAGE_NAME = /\.(jpe?g|png|gif|webp)$/i;

interface Node {
  folders: Map<string, Node>;
  files: KnownEntry[];
  entries: number;
  bytes: number;
}

const newNode = (): Node => ({ folders: new Map(), files: [], entries: 0, bytes: 0 });

/** Splits a recorded path: phone paths keep their leading "/" on the first folder's path. */
function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function buildTree(entries: Iterable<KnownEntry>): Node {
  const root = newNode();
  for (const entry of entries) {
    const parts = segments(entry.path);
    let node = root;
    node.entries += 1;
    node.bytes += entry.size;
    for (const part of parts.slice(0, -1)) {
      let child = node.folders.get(part);
      if (!child) node.folders.set(part, (child = newNode()));
      child.entries += 1;
      child.bytes += entry.size;
      node = child;
    }
    node.files.push(entry);
  }
  return root;
}

function joinPath(parent: string, name: string, absolute: boolean): string {
  if (parent === '') return absolute ? `/${name}` : name;
  return `${parent}/${name}`;
}

/** The folders and files at `path` ('' is the top), newest files first. */
export function browseSnapshot(snapshot: string, entries: Map<string, KnownEntry>, path: string): HistoryBrowse {
  const root = buildTree(entries.values());
  const absolute = new Set([...entries.keys()].filter((p) => p.startsWith('/')).map((p) => segments(p)[0]));
  let node = root;
  const trail: HistoryBrowse['trail'] = [];
  let walked = '';
  for (const part of segments(path)) {
    const next = node.folders.get(part);
    if (!next) break;
    walked = joinPath(walked, part, walked === '' && absolute.has(part));
    trail.push({ name: part, path: walked });
    node = next;
  }
  const folders: SnapshotFolder[] = [...node.folders].map(([name, child]) => {
    let shown = name;
    let childPath = joinPath(walked, name, walked === '' && absolute.has(name));
    let inner = child;
    while (inner.files.length === 0 && inner.folders.size === 1) {
      const [nextName, next] = [...inner.folders][0]!;
      shown = `${shown}/${nextName}`;
      childPath = `${childPath}/${nextName}`;
      inner = next;
    }
    return { name: shown, path: childPath, entries: child.entries, bytes: child.bytes };
  });
  folders.sort((a, b) => a.name.localeCompare(b.name));
  const files: SnapshotFile[] = node.files
    .map((entry) => ({
      name: segments(entry.path).at(-1) ?? entry.path,
      path: entry.path,
      size: entry.size,
      mtime: entry.mtime,
      category: entry.category,
      object: objectRelativePath(entry.hash),
      image: IMAGE_NAME.test(entry.path),
    }))
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  return { snapshot, path: walked, trail, folders, files };
}
