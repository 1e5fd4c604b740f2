import type { Delimiter } from '../dataset';
import { UserError } from '../errors';

/** Receives one parsed record with the 1-based line number where it starts. */
export type RecordSink = (fields: string[], line: number) => void;

/**
 * A fast path offered each line data[from, to) without quotes (and not blank, not starting with a
 * space): returns true when it consumed the line, false to have it split into fields for the sink.
 */
export type LineHook = (data: string, from: number, to: number, line: number) => boolean;

/**
 * A streaming parser for delimited text: feed it text chunks in order and it calls the sink once per
 * record. Handles RFC 4180 quoting (doubled quotes, delimiters and newlines inside quotes), CRLF,
 * blank lines (skipped) and `whitespace` (runs of spaces/tabs, as in NASA C-MAPSS files).
 */
export class DelimitedParser {
  private carry = '';
  private line = 0;
  /** Fields of a record whose quoted field spans lines. */
  private pending: { fields: string[]; field: string; startLine: number } | null = null;
  /** Index of the next '"' at or after the current line in the current text (-1: none left). */
  private quoteAt = -1;
  private quoteFrom = Infinity;

  constructor(private readonly delimiter: Delimiter) {}

  /** Parses every complete line of `text` (the rest waits for the next chunk or `end`). */
  push(text: string, sink: RecordSink, fast?: LineHook): void {
    const data = this.carry.length > 0 ? this.carry + text : text;
    this.quoteFrom = Infinity;
    let start = 0;
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl === -1) break;
      this.onLine(data, start, nl, sink, fast);
      start = nl + 1;
    }
    this.carry = data.slice(start);
  }

  /** Parses what is left after the last chunk. Throws when a quoted field was never closed. */
  end(sink: RecordSink, fast?: LineHook): void {
    if (this.carry.length > 0) {
      const data = this.carry;
      this.carry = '';
      this.quoteFrom = Infinity;
      this.onLine(data, 0, data.length, sink, fast);
    }
    if (this.pending) {
      const where = this.pending.startLine;
      this.pending = null;
      throw new UserError(`Line ${where.toLocaleString('en-US')}: a quoted field is never closed. Add the missing closing quote (").`);
    }
  }

  private onLine(data: string, from: number, to: number, sink: RecordSink, fast?: LineHook): void {
    this.line++;
    let end = to;
    if (end > from && data.charCodeAt(end - 1) === 13) end--; // CR of CRLF
    if (this.pending) {
      this.continueQuoted(data.slice(from, end), sink);
      return;
    }
    if (fast && end > from && !isSpace(data.charCodeAt(from)) && !this.hasQuote(data, from, end) && fast(data, from, end, this.line)) return;
    const text = data.slice(from, end);
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

  /** Whether data[from, to) has a '"', remembering the next one so a file without quotes is searched once. */
  private hasQuote(data: string, from: number, to: number): boolean {
    if (this.delimiter === 'whitespace') return true; // whitespace-delimited lines always take the general path
    if (from < this.quoteFrom || (this.quoteAt !== -1 && this.quoteAt < from)) {
      this.quoteAt = data.indexOf('"', from);
      this.quoteFrom = from;
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

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
