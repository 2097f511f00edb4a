// Pathname expansion for unquoted * and ? in the last path component (what mksh does; patterns
// in directory components are rare in the commands backup tools send and are left literal).
import { PhoneFileError } from '../../phone.ts';
import type { FileTree } from '../file-tree.ts';
import { absolutePath } from '../phone-path.ts';

function patternToRegExp(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/** The matching paths, sorted; the pattern itself when nothing matches. */
export function expandGlob(tree: FileTree, word: string, cwd: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const pattern = word.slice(slash + 1);
  if (/[*?]/.test(dirPart) || pattern === '') return [word];
  const regexp = patternToRegExp(pattern);
  let names: string[];
  try {
    names = tree.list(absolutePath(dirPart === '' ? '.' : dirPart, cwd)).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof PhoneFileError) return [word];
    throw error;
  }
  const matches = names
    .filter((name) => regexp.test(name) && (pattern.startsWith('.') || !name.startsWith('.')))
    .sort()
    .map((name) => `${dirPart}${name}`);
  return matches.length > 0 ? matches : [word];
}
