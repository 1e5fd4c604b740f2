import type { Delimiter } from '../dataset';
import { UserError } from '../errors';

/** The longest line read (a wide row of 100,000 values is about 2 MB); a longer one is refused. */
export const MAX_LINE_CHARS = 16 * 2 ** 20;

/** Receives one parsed record with the 1-based line number where it starts. */
export type RecordSink = (fields: string[], line: number) => void;

/**
 * A fast path offered each line b[from, to) of bytes without quotes (and not blank, not starting with
 * a space; without its line break): returns true when it consumed the line, false to have the line
 * turned into text and split into fields for the sink.
 */
export type ByteLineHook = (b: Uint8Array, from: number, to: number, line: number) => boolean;

/**
 * A streaming parser for delimited text: feed it text chunks in order and it calls the sink once per
 * record. Handles RFC 4180 quoting (doubled quotes, delimiters and newlines inside quotes), LF, CRLF
 * and lone CR line ends (mixed in one file),
 * blank lines (skipped) and `whitespace` (runs of spaces/tabs, as in NASA C-MAPSS files).
 */
export class DelimitedParser {
  private carry = '';
  private line = 0;
  /** Fields of a record whose quoted field spans lines. */
  private pending: { fields: string[]; field: string; startLine: number } | null = null;
  /** Index of the next '"' at or after the current line in quoteIn (-1: none left). */
  private quoteAt = -1;

  /** Bytes of a line that continues in the next chunk (pushBytes). */
  private carryBytes: Uint8Array | null = null;
  /** The chunk quoteAt was found in. */
  private quoteIn: Uint8Array | null = null;

  constructor(private readonly delimiter: Delimiter) {}

  /** Parses every complete line of `text` (the rest waits for the next chunk or `end`). */
  push(text: string, sink: RecordSink): void {
    const data = this.carry.length > 0 ? this.carry + text : text;
    let start = 0;
    let cr = data.indexOf('\r');
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = data.indexOf('\r', start);
      // A lone CR (not the CR of a CRLF) ends a line too; one at the very end waits for the next chunk.
      while (cr !== -1 && (nl === -1 || cr < nl - 1) && cr < data.length - 1) {
        this.line++;
        this.onLine(data.slice(start, cr), sink);
        start = cr + 1;
        cr = data.indexOf('\r', start);
      }
      if (nl === -1) break;
      this.line++;
      this.onLine(data.slice(start, nl), sink);
      start = nl + 1;
    }
    this.carry = data.slice(start);
    if (this.carry.length > MAX_LINE_CHARS) throw this.lineTooLong();
  }

  /**
   * Parses every complete line of a chunk of bytes in an ASCII-compatible encoding (UTF-8 or
   * Windows-1252: line breaks, quotes and delimiters are single bytes there). Each line is offered to
   * `fast` first; the others are turned into text by `text` and parsed as push() would.
   */
  pushBytes(bytes: Uint8Array, text: (b: Uint8Array, from: number, to: number) => string, sink: RecordSink, fast?: ByteLineHook): void {
    let start = 0;
    this.quoteIn = null; // the caller may reuse its buffer for the next chunk
    if (this.carryBytes) {
      const nl = bytes.indexOf(10);
      const joined = concat(this.carryBytes, nl === -1 ? bytes : bytes.subarray(0, nl));
      this.carryBytes = null;
      if (nl === -1) {
        this.keepRest(joined, 0, text, sink, fast);
        return;
      }
      this.onByteLine(joined, 0, joined.length, text, sink, fast);
      start = nl + 1;
    }
    for (;;) {
      const nl = bytes.indexOf(10, start);
      if (nl === -1) break;
      this.onByteLine(bytes, start, nl, text, sink, fast);
      start = nl + 1;
    }
    this.keepRest(bytes, start, text, sink, fast);
  }

  /**
   * Keeps b[start..] (it holds no LF) for the next chunk, once the lines in it that a lone CR ends are
   * parsed (else a file with only CR line ends would be carried whole). A CR as its last byte may be
   * half of a CRLF: it waits.
   */
  private keepRest(b: Uint8Array, start: number, text: (b: Uint8Array, from: number, to: number) => string, sink: RecordSink, fast?: ByteLineHook): void {
    if (start >= b.length) return;
    const cr = b.subarray(start, b.length - 1).lastIndexOf(13);
    if (cr !== -1) {
      this.onByteLine(b, start, start + cr, text, sink, fast);
      start += cr + 1;
    }
    if (b.length - start > MAX_LINE_CHARS) throw this.lineTooLong();
    this.carryBytes = new Uint8Array(b.subarray(start)); // a copy (Buffer.slice is a view)
  }

  /** A line that goes on past MAX_LINE_CHARS: refused before it is gathered (each chunk would copy all of it again). */
  private lineTooLong(): UserError {
    return new UserError(
      `Line ${(this.line + 1).toLocaleString('en-US')} goes on for more than ${(MAX_LINE_CHARS / 2 ** 20).toFixed(0)} MB without a line break: the file is not text in rows, or the line is damaged. Check the file around that line.`,
    );
  }

  /** Parses what is left after the last chunk. Throws when a quoted field was never closed. */
  end(sink: RecordSink, text?: (b: Uint8Array, from: number, to: number) => string, fast?: ByteLineHook): void {
    if (this.carryBytes && text) {
      const data = this.carryBytes;
      this.carryBytes = null;
      this.onByteLine(data, 0, data.length, text, sink, fast);
    }
    if (this.carry.length > 0) {
      const data = this.carry;
      this.carry = '';
      this.line++;
      this.onLine(data, sink);
    }
    if (this.pending) {
      const where = this.pending.startLine;
      this.pending = null;
      throw new UserError(`Line ${where.toLocaleString('en-US')}: a quoted field is never closed. Add the missing closing quote (").`);
    }
  }

  /**
   * One line of bytes b[from, to) (without its LF): offered to `fast`, else turned into text and parsed.
   * A lone CR inside (a CR line end, in a file that mixes them) splits it into lines first; it is
   * looked for only in lines the fast path did not take, where it always lands (the lines it joins
   * have too many fields, or a value that is not one).
   */
  private onByteLine(b: Uint8Array, from: number, to: number, text: (b: Uint8Array, from: number, to: number) => string, sink: RecordSink, fast?: ByteLineHook): void {
    const line = ++this.line;
    let end = to;
    if (end > from && b[end - 1] === 13) end--; // CR of CRLF
    if (fast && !this.pending && end > from && !isSpace(b[from]) && !this.hasQuote(b, from, end) && fast(b, from, end, line)) return;
    let cr = crWithin(b, from, end);
    if (cr === -1) {
      this.onLine(text(b, from, to), sink);
      return;
    }
    this.line--;
    let a = from;
    for (; cr !== -1; cr = crWithin(b, a, end)) {
      this.onByteLine(b, a, cr, text, sink, fast);
      a = cr + 1;
    }
    this.onByteLine(b, a, to, text, sink, fast);
  }

  /** One line of text (without its line feed; this.line is its number). */
  private onLine(line: string, sink: RecordSink): void {
    const text = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line; // CR of CRLF
    if (this.pending) {
      this.continueQuoted(text, sink);
      return;
    }
    if (this.delimiter === 'whitespace') {
      const t = text.trim();
      if (t.length > 0) sink(t.split(/[ \t]+/), this.line);
      return;
    }
    if (text.length === 0 || (isSpace(text.charCodeAt(0)) && text.trim().length === 0)) return;
    if (text.indexOf('"') === -1) {
      sink(text.split(this.delimiter), this.line);
      return;
    }
    this.parseQuoted(text, [], '', false, this.line, sink);
  }

  /** Whether b[from, to) has a '"', remembering the next one so a chunk without quotes is searched once. */
  private hasQuote(b: Uint8Array, from: number, to: number): boolean {
    if (this.delimiter === 'whitespace') return true; // whitespace-delimited lines always take the general path
    if (b !== this.quoteIn || (this.quoteAt !== -1 && this.quoteAt < from)) {
      this.quoteAt = b.indexOf(34, from);
      this.quoteIn = b;
    }
    return this.quoteAt !== -1 && this.quoteAt < to;
  }

  private continueQuoted(text: string, sink: RecordSink): void {
    const p = this.pending!;
    this.pending = null;
    this.parseQuoted(text, p.fields, p.field + '\n', true, p.startLine, sink);
  }

  /** Character-level state machine for lines with quotes; may leave a record pending across lines. */
  private parseQuoted(text: string, fields: string[], field: string, inQuotes: boolean, startLine: number, sink: RecordSink): void {
    const d = this.delimiter;
    let i = 0;
    let cur = field;
    let quoted = inQuotes;
    while (i < text.length) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cur += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        cur += ch;
        i++;
      } else if (ch === '"' && cur.trim().length === 0) {
        quoted = true;
        cur = '';
        i++;
      } else if (ch === d) {
        fields.push(cur);
        cur = '';
        i++;
      } else {
        cur += ch;
        i++;
      }
    }
    if (quoted) {
      this.pending = { fields, field: cur, startLine };
      return;
    }
    fields.push(cur);
    sink(fields, startLine);
  }
}

/** Parses a whole text at once (for samples and tests). */
export function parseDelimited(text: string, delimiter: Delimiter): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const p = new DelimitedParser(delimiter);
  const sink: RecordSink = (fields, line) => out.push({ fields, line });
  p.push(text, sink);
  p.end(sink);
  return out;
}

/** Where the first CR in b[from, to) is, or -1. */
function crWithin(b: Uint8Array, from: number, to: number): number {
  const i = b.subarray(from, to).indexOf(13);
  return i === -1 ? -1 : from + i;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
