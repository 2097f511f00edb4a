// Object names are relative, slash-separated paths ("snapshots/2026/abc"). The same name must
// mean the same place on a disk, a WebDAV collection tree and an S3 bucket, so anything that a
// filesystem or a URL would reinterpret is refused up front.
import { DestinationError } from './destination-error.ts';

/** Temporary uploads carry this prefix in their last segment; listings never show them. */
export const TEMP_PREFIX = '.vitre-upload-';

export function checkName(destination: string, name: string): string {
  const problem = nameProblem(name);
  if (problem !== undefined) {
    throw new DestinationError('invalid-name', destination, `"${name}" cannot be stored: ${problem}`);
  }
  return name;
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.startsWith('/') || name.endsWith('/')) return 'a name may not start or end with "/"';
  if (/[\\\0\r\n]/.test(name)) return 'backslashes, NUL and line breaks are not allowed';
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return 'empty, "." and ".." path segments are not allowed';
    if (segment.startsWith(TEMP_PREFIX)) return `names starting with "${TEMP_PREFIX}" are reserved`;
  }
  return undefined;
}

/** True for the temporary objects an interrupted upload may leave behind. */
export function isTemporaryName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.startsWith(TEMP_PREFIX);
}

/** The directory part of a name ("a/b" for "a/b/c"), or "" at the top. */
export function parentOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}
