// Serves the built interface (dist/renderer) read-only. Paths are resolved inside the folder and
// anything that escapes it, names a hidden file, or is not a regular file is a 404.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpRequest, HttpResponse } from '../core/net/http-server.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export class StaticFiles {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  async serve(request: HttpRequest, response: HttpResponse): Promise<void> {
    const pathname = decodePath(request.url ?? '/');
    if (pathname === undefined) return sendText(response, 400, 'Bad request path.');
    const file = await this.#find(pathname);
    if (file === undefined) {
      // Paths without an extension are screens of the single-page app: answer with the page.
      const page = extname(pathname) === '' ? await this.#find('/index.html') : undefined;
      if (page === undefined) {
        return sendText(response, pathname === '/' ? 503 : 404, pathname === '/' ? NOT_BUILT : 'Not found.');
      }
      return this.#send(request, response, page, '/index.html');
    }
    return this.#send(request, response, file, pathname);
  }

  async #find(pathname: string): Promise<{ path: string; size: number } | undefined> {
    const wanted = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    if (wanted.split('/').some((part) => part.startsWith('.'))) return undefined;
    const path = resolve(join(this.#root, wanted));
    if (!path.startsWith(this.#root + sep)) return undefined;
    try {
      const info = await stat(path);
      return info.isFile() ? { path, size: info.size } : undefined;
    } catch (error) {
      // Missing or unreadable: both are a plain 404 for the browser.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
  }

  #send(request: HttpRequest, response: HttpResponse, file: { path: string; size: number }, pathname: string): void {
    response.statusCode = 200;
    response.setHeader('Content-Type', CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream');
    response.setHeader('Content-Length', file.size);
    // Vite puts a content hash in every asset name, so those never change; the page itself must
    // be fetched again so a rebuilt interface is picked up.
    response.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }
}

const NOT_BUILT = 'The Vitre interface has not been built yet. Run "npm run build", then start Vitre again.';

function decodePath(url: string): string | undefined {
  try {
    const pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return pathname.includes('\0') ? undefined : pathname;
  } catch {
    // A malformed %-escape: the caller answers 400.
    return undefined;
  }
}

export function sendText(response: HttpResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(`${text}\n`);
}
