/**
 * `POST /api/upload?name=<file name>`: the browser's stand-in for the file dialog. Streams the raw
 * body (any size) to `<home>/uploads/<random>/<name>`, under a temporary name until it is complete.
 * A folder per upload keeps the original file name, so datasets and messages show it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uploadTooLargeMessage } from '../../shared/format';
import type { PickedFile } from '../../shared/api';
import { HttpError, sendError, sendJson } from './http-io';

/** Folder of uploaded files inside the home folder. */
export const UPLOADS_DIR = 'uploads';

/** Longest kept file name; longer names are cut (keeping the extension). */
const MAX_NAME_LENGTH = 120;

/**
 * Stores the request body as a file and answers `{"ok": true, "value": {path, name}}` (a PickedFile).
 * A body over `limit` bytes is refused with 413: at once when its Content-Length says so, else as
 * soon as the streamed bytes pass it (the partial file is removed).
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, home: string, limit: number): Promise<void> {
  const given = url.searchParams.get('name');
  if (!given || !displayName(given)) {
    return sendError(res, new HttpError(400, 'Say which file this is: POST /api/upload?name=<file name>.'));
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    res.setHeader('Connection', 'close');
    return sendError(res, tooLarge(displayName(given), limit));
  }
  const dir = path.join(home, UPLOADS_DIR, randomBytes(8).toString('hex'));
  const stored = safeFileName(given);
  const target = path.join(dir, stored);
  const partial = path.join(dir, `.${stored}.part`);
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    // The request is piped, not handed to pipeline, so a 413 can still be answered on its socket.
    const cap = capBytes(limit);
    req.on('error', (err) => cap.destroy(err));
    req.on('close', () => {
      if (!req.complete) cap.destroy(new Error('The upload was cut off before its end.'));
    });
    req.pipe(cap);
    await pipeline(cap, fs.createWriteStream(partial, { flags: 'wx' }));
    await fs.promises.rename(partial, target);
  } catch (err) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    if (err instanceof HttpError) {
      res.setHeader('Connection', 'close');
      return sendError(res, err.status === 413 ? tooLarge(displayName(given), limit) : err);
    }
    if (req.destroyed && res.destroyed) return; // the browser went away: nothing to answer
    return sendError(res, uploadError(err, dir));
  }
  const picked: PickedFile = { path: target, name: displayName(given) };
  sendJson(res, 200, { ok: true, value: picked });
}

/** The file's own name, without any folders a browser might send. */
function displayName(name: string): string {
  return path.basename(name.replace(/\\/g, '/')).trim();
}

/** A name safe on every file system: letters, digits, `.`, `-`, `_`; no leading dot; bounded length. */
export function safeFileName(name: string): string {
  const cleaned = displayName(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '');
  const base = cleaned || 'upload';
  if (base.length <= MAX_NAME_LENGTH) return base;
  const ext = path.extname(base).slice(0, 16);
  return base.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

/** Passes bytes through until more than `limit` have come, then fails with a 413. */
function capBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new HttpError(413, 'too large'));
      else done(null, chunk);
    },
  });
}

function tooLarge(name: string, limit: number): HttpError {
  return new HttpError(413, uploadTooLargeMessage(name, limit));
}

function uploadError(err: unknown, dir: string): HttpError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC') return new HttpError(507, `Not enough disk space to store the upload in ${dir}. Free some space and try again.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new HttpError(500, `Cannot write uploads to ${dir} (${code}). Check the folder's permissions.`);
  return new HttpError(500, `The upload failed: ${(err as Error).message}`);
}

/** Age after which uploads are removed when browser mode starts (they are copies, kept for re-imports). */
const UPLOAD_MAX_AGE_MS = 7 * 24 * 3600_000;

/** Removes uploads older than a week, so the home folder does not fill up with copies. */
export async function pruneOldUploads(home: string, now = Date.now()): Promise<number> {
  const root = path.join(home, UPLOADS_DIR);
  let removed = 0;
  for (const entry of await fs.promises.readdir(root, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(root, entry.name);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (stat && now - stat.mtimeMs > UPLOAD_MAX_AGE_MS) {
      await fs.promises.rm(full, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
