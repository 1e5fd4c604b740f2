/**
 * `GET /api/reports/<file name>`: browser mode's download of a report written under
 * `<home>/reports/` (guarded by the token like every route). Only plain names of existing .html
 * and .pdf regular files directly in that folder are served (never a link), always as an attachment.
 */
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { downloadableReport } from '../reports/make-report';
import { HttpError, sendError } from './http-io';

/** Streams the report file named in the URL, or answers 404. */
export async function handleReportDownload(req: IncomingMessage, res: ServerResponse, name: string, home: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    decoded = '';
  }
  const file = downloadableReport(home, decoded);
  const missing = () => sendError(res, new HttpError(404, `There is no report "${decoded}" in this project's reports folder. Make it again with Export report.`));
  if (!file) return missing();
  // Opened without following a link, then checked again on the open file: no swap after the check.
  const fd = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0)).catch(() => null);
  if (!fd) return missing();
  try {
    const stat = await fd.stat();
    if (!stat.isFile() || stat.nlink !== 1) return missing();
    const pdf = path.extname(file).toLowerCase() === '.pdf';
    res.writeHead(200, {
      'Content-Type': pdf ? 'application/pdf' : 'text/html; charset=utf-8',
      'Content-Length': stat.size,
      'Content-Disposition': `attachment; filename="${path.basename(file)}"`,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(fd.createReadStream({ autoClose: false }), res);
  } finally {
    await fd.close();
  }
}
