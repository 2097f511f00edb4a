// Names as the phone reports them are untrusted: a hostile or broken phone can put '/', NUL, '.'
// or '..' in a LIST reply (AOSP would never: a Linux file name cannot hold them). Joining such a
// name to its folder would address a different file than the one listed, so it is refused.

/** Why a listed name cannot be a file name, or undefined when it is a possible one. */
export function impossibleNameReason(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (name === '.' || name === '..') return `the name "${name}"`;
  if (name.includes('/')) return 'a "/" inside a name';
  if (name.includes('\0')) return 'a NUL character inside a name';
  return undefined;
}

/** The name as it can be shown on one line (control characters made visible). */
export function printableName(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}

export function joinPhonePath(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}
