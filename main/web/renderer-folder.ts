// Where the built interface is: dist/renderer, found from this file whether it runs from the
// sources (main/web/*.ts) or from the build (dist/main/web/*.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function rendererFolder(): string {
  const built = fileURLToPath(new URL('../../renderer/', import.meta.url));
  if (existsSync(`${built}index.html`)) return built;
  return fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
}
