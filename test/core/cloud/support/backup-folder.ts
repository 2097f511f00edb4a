// A backup folder as the engine writes it (main/core/backup/LAYOUT.md), made directly for cloud
// tests that need exact sizes: objects named by sha256, one complete manifest.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FolderFile {
  /** Path on the phone. */
  path: string;
  size: number;
  category: string;
}

export interface WrittenFile extends FolderFile {
  hash: string;
  /** The local object file. */
  file: string;
}

/** Distinct, reproducible content for a file: a counter pattern mixed with the seed. */
export function contentOf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let offset = 0; offset + 4 <= size; offset += 4) bytes.writeUInt32LE((offset * 2654435761 + seed * 40503) >>> 0, offset);
  for (let offset = size - (size % 4); offset < size; offset++) bytes[offset] = seed & 0xff;
  return bytes;
}

export function writeBackupFolder(folder: string, files: readonly FolderFile[], snapshot = 's1'): WrittenFile[] {
  const written: WrittenFile[] = [];
  const lines = [JSON.stringify({ format: 'vitre-manifest', version: 1, snapshot, startedAt: 1, device: { serial: 'x', model: 'Pixel', name: 'p' } })];
  for (const [index, file] of files.entries()) {
    const bytes = contentOf(file.size, index + 1);
    const hex = createHash('sha256').update(bytes).digest('hex');
    const object = `objects/${hex.slice(0, 2)}/${hex.slice(2)}`;
    fs.mkdirSync(path.join(folder, path.dirname(object)), { recursive: true });
    fs.writeFileSync(path.join(folder, object), bytes);
    lines.push(JSON.stringify({ path: file.path, size: file.size, mtime: 1_700_000_000_000 + index, mode: 0o100660, hash: `sha256:${hex}`, category: file.category, object }));
    written.push({ ...file, hash: `sha256:${hex}`, file: path.join(folder, object) });
  }
  lines.push(JSON.stringify({ complete: true, completedAt: 2, entryCount: files.length, totalBytes: files.reduce((sum, file) => sum + file.size, 0) }));
  fs.mkdirSync(path.join(folder, 'manifests'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'manifests', `${snapshot}.jsonl`), `${lines.join('\n')}\n`);
  return written;
}
