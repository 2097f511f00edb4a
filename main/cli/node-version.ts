// The Node.js versions Vitre runs on: 24 and later, the line Electron 45 ships. Plain code with
// no imports, so main.ts can check before loading anything that needs a newer Node.js.

export const NODE_MAJOR_NEEDED = 24;

/** Why Vitre cannot run on Node.js `version` ("20.20.2"), in the user's words; undefined if it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (major >= NODE_MAJOR_NEEDED) return undefined;
  return (
    `Vitre needs Node.js ${NODE_MAJOR_NEEDED} or newer, and this is Node.js ${version}. ` +
    `Install Node.js ${NODE_MAJOR_NEEDED} (from your package manager or the Node.js website), then run vitre again.`
  );
}
