import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, fmtInt } from '../../shared/errors';

/** Text encodings the importer reads (chosen from a byte-order mark or a UTF-8 check). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The start of a file, decoded and cut at a line end, with what the importer needs to stream the rest. */
export interface FileSample {
  text: string;
  sizeBytes: number;
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomBytes: number;
  /** True when the sample is the whole file. */
  complete: boolean;
}

const FIRST_SAMPLE = 64 * 1024;
const MAX_SAMPLE = 8 * 1024 * 1024;

/**
 * Reads the start of a file for detection: refuses missing, empty and binary files with a message
 * that says what to do, detects the encoding, and grows the sample until it holds a few whole lines.
 */
export function readSample(file: string): FileSample {
  const stat = statFile(file);
  if (stat.size === 0) throw new UserError(`${path.basename(file)} is empty (0 bytes). Choose a file with data rows.`);
  const fd = fs.openSync(file, 'r');
  try {
    let want = FIRST_SAMPLE;
    for (;;) {
      const buf = Buffer.alloc(Math.min(want, stat.size));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const bytes = buf.subarray(0, n);
      const complete = n >= stat.size;
      const { encoding, bomBytes } = detectEncoding(bytes, file);
      let text = new TextDecoder(encoding).decode(bytes.subarray(bomBytes));
      const lines = countNewlines(text);
      if (!complete && lines < 3 && want < MAX_SAMPLE) {
        want *= 4;
        continue;
      }
      if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
      if (text.trim().length === 0) throw new UserError(`${path.basename(file)} holds only blank space. Choose a file with data rows.`);
      return { text, sizeBytes: stat.size, encoding, bomBytes, complete };
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Stats a file, turning "not found" and "is a folder" into messages a person can act on. */
export function statFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`File not found: ${file}. Check the path and try again.`);
    if (code === 'EACCES') throw new UserError(`No permission to read ${file}. Check the file's permissions.`);
    throw err;
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a folder, not a file. Choose a CSV, TSV, TXT, JSON or JSON Lines file.`);
  return stat;
}

function detectEncoding(bytes: Buffer, file: string): { encoding: TextEncoding; bomBytes: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new UserError(
      `${path.basename(file)} looks like a binary file (byte ${fmtInt(nul + 1)} is a NUL byte), not text. Export the data as CSV, TSV, TXT, JSON or JSON Lines and import that.`,
    );
  }
  try {
    // A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(bytes));
    return { encoding: 'utf-8', bomBytes: 0 };
  } catch {
    return { encoding: 'windows-1252', bomBytes: 0 };
  }
}

function trimPartialUtf8(bytes: Buffer): Buffer {
  let end = bytes.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
  if (end - back - 1 >= 0 && bytes[end - back - 1] >= 0xc0) end = end - back - 1;
  return bytes.subarray(0, end);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && n < 3; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
