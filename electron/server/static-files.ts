/** Serves the built renderer (`dist/renderer`) read-only; no path can reach outside that folder. */
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText } from './http-io';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a file, by extension (unknown files are served as bytes, never sniffed). */
export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path to a file inside `root`, or null when it would leave `root` (`..`, encoded
 * slashes, NUL bytes) or cannot be decoded. `/` is `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.startsWith('..')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, relative || 'index.html');
  return file.startsWith(base + path.sep) ? file : null;
}

/** Answers a GET/HEAD for a static file; unknown paths without an extension get index.html (app routes). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const resolved = resolveStaticPath(root, urlPath);
  if (!resolved) return sendText(res, 404, 'Not found.');
  let file = resolved;
  let stat = await statFile(file);
  if (!stat && path.extname(file) === '') {
    file = path.join(path.resolve(root), 'index.html');
    stat = await statFile(file);
  }
  if (!stat) {
    const missingUi = file.endsWith(`${path.sep}index.html`);
    return missingUi
      ? sendText(res, 503, `The browser UI is not built (${file} is missing). Run \`npm run build\`, then start \`lstm-studio serve\` again.`)
      : sendText(res, 404, 'Not found.');
  }
  res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': stat.size, 'Cache-Control': 'no-cache' });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(fs.createReadStream(file), res);
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}
