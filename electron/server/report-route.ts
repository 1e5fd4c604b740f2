/**
 * `GET /api/reports/<file name>`: browser mode's download of a report written under
 * `<home>/reports/` (guarded by the token like every route). Only plain names of existing .html
 * and .pdf files directly in that folder are served, always as an attachment.
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
  if (!file) return sendError(res, new HttpError(404, `There is no report "${decoded}" in this project's reports folder. Make it again with Export report.`));
  const pdf = path.extname(file).toLowerCase() === '.pdf';
  res.writeHead(200, {
    'Content-Type': pdf ? 'application/pdf' : 'text/html; charset=utf-8',
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': `attachment; filename="${path.basename(file)}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(fs.createReadStream(file), res);
}
