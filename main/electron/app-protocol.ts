// Serves the built interface for app://vitre/..., with the same CSP as the web host. Only files
// inside the interface folder can be read; anything else is a 404.
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '../core/api/content-security-policy.ts';
import { isAppUrl } from './app-origin.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const APP_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The handler given to `protocol.handle('app', ...)`. */
export async function appProtocolResponse(url: string, rendererDir: string): Promise<Response> {
  if (!isAppUrl(url)) return notFound();
  const root = resolve(rendererDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    // A malformed %-escape names no file.
    return notFound();
  }
  const file = resolve(join(root, pathname === '/' ? '/index.html' : pathname));
  if (!file.startsWith(root + sep) || pathname.split('/').some((part) => part.startsWith('.'))) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...APP_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return notFound();
    throw error;
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...APP_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
