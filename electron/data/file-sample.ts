import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, clipPath, fmtInt } from '../../shared/errors';
import { MAX_COLUMNS } from '../../shared/import/sniff';
import { checkInputFile, withInputFile } from '../app/input-file';

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
const IMPORT_HINT = { expected: 'a CSV, TSV, TXT, JSON or JSON Lines file' };

/**
 * Reads the start of a file for detection: refuses missing, non-regular, empty and binary files with
 * a message that says what to do, detects the encoding, and grows the sample until it holds a few
 * whole lines. Line ends may be LF, CRLF or a lone CR (old Mac files), mixed in one file: the sample's
 * text has them all as LF.
 */
export function readSample(file: string): FileSample {
  return withInputFile(file, IMPORT_HINT, (fd, stat) => {
    const name = clipPath(path.basename(file));
    if (stat.size === 0) throw new UserError(`${name} is empty (0 bytes). Choose a file with data rows.`);
    let want = FIRST_SAMPLE;
    for (;;) {
      const buf = Buffer.alloc(Math.min(want, stat.size));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const bytes = buf.subarray(0, n);
      const complete = n >= stat.size;
      const { encoding, bomBytes } = detectEncoding(bytes, file);
      let text = new TextDecoder(encoding).decode(bytes.subarray(bomBytes)).replace(LINE_END, '\n');
      const lines = countNewlines(text);
      if (!complete && lines < 3 && want < MAX_SAMPLE) {
        want *= 4;
        continue;
      }
      if (!complete) {
        const cut = text.lastIndexOf('\n');
        if (cut === -1) {
          throw new UserError(
            `${name} has no line break in its first ${fmtInt(n)} bytes: it is not a text file of rows, or its first line is far too long (a file with one row per time step may have at most ${fmtInt(MAX_COLUMNS)} columns). Check that this is the right file.`,
          );
        }
        text = text.slice(0, cut + 1);
      }
      if (text.trim().length === 0) throw new UserError(`${name} holds only blank space. Choose a file with data rows.`);
      return { text, sizeBytes: stat.size, encoding, bomBytes, complete };
    }
  });
}

/** Stats a file to import, refusing anything but a regular file with a message a person can act on. */
export function statFile(file: string): fs.Stats {
  return checkInputFile(file, IMPORT_HINT);
}

function detectEncoding(bytes: Buffer, file: string): { encoding: TextEncoding; bomBytes: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = bomlessUtf16(bytes);
    if (utf16) return { encoding: utf16, bomBytes: 0 };
    throw new UserError(
      `${clipPath(path.basename(file))} looks like a binary file (byte ${fmtInt(nul + 1)} is a NUL byte), not text. Export the data as CSV, TSV, TXT, JSON or JSON Lines and import that.`,
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

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: text in Latin script has a zero in the
 * high byte of nearly every character (odd offsets for little-endian, even for big-endian) and
 * almost none in the other. Binary data has zeros at both.
 */
function bomlessUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, FIRST_SAMPLE) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.7 && even <= pairs * 0.01) return 'utf-16le';
  if (even >= pairs * 0.7 && odd <= pairs * 0.01) return 'utf-16be';
  return null;
}

function trimPartialUtf8(bytes: Buffer): Buffer {
  let end = bytes.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
  if (end - back - 1 >= 0 && bytes[end - back - 1] >= 0xc0) end = end - back - 1;
  return bytes.subarray(0, end);
}

/** CRLF and a lone CR: both become LF in the sample. */
const LINE_END = /\r\n?/g;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && n < 3; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
