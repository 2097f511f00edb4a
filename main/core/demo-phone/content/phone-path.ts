// Path arithmetic for the phone's file system (POSIX, '/'-separated, no Windows rules).

/** Components of an absolute or relative path, without empty and '.' parts ('..' kept). */
export function pathParts(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/** `path` made absolute against `cwd`, with '.' and '..' resolved lexically. */
export function absolutePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const part of pathParts(path.startsWith('/') ? path : `${cwd}/${path}`)) {
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function parentPath(path: string): string {
  const parts = pathParts(path);
  parts.pop();
  return `/${parts.join('/')}`;
}

export function baseName(path: string): string {
  const parts = pathParts(path);
  return parts[parts.length - 1] ?? '/';
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
