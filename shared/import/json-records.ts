/** Streaming readers for JSON arrays of records and JSON Lines, turning records into text fields. */
import { UserError, clip } from '../errors';
import { refuseForbiddenKeys } from '../safe-keys';

/** Deepest nesting of objects and arrays a record may have (records hold flat values; a deeper one would overflow the stack later). */
export const MAX_RECORD_DEPTH = 64;

/** Receives one record (a parsed JSON value) and its 1-based line where it starts. */
export type JsonSink = (record: unknown, line: number) => void;

/**
 * Splits a top-level JSON array `[ {...}, {...} ]` into its elements as text arrives, so a large file
 * never has to be held in memory; each element is parsed with JSON.parse.
 */
export class JsonArraySplitter {
  private started = false;
  private finished = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private buf = '';
  private line = 1;
  private elementLine = 1;

  /** Feeds the next chunk of text. */
  push(text: string, sink: JsonSink): void {
    let elementStart = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (!this.started) {
        if (c !== 91 /* [ */) throw new UserError(`Line ${this.line}: a JSON file must be an array of records ([{...}, {...}]) or JSON Lines (one {...} per line).`);
        this.started = true;
        continue;
      }
      if (this.finished) throw new UserError(`Line ${this.line}: unexpected text after the end of the JSON array.`);
      if (this.depth === 0) {
        if (c === 44 /* , */) continue;
        if (c === 93 /* ] */) {
          this.finished = true;
          continue;
        }
        if (c !== 123 /* { */) throw new UserError(`Line ${this.line}: each element of the JSON array must be a record ({"column": value, ...}).`);
        elementStart = i;
        this.elementLine = this.line;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) {
        if (++this.depth > MAX_RECORD_DEPTH) throw tooDeep(this.elementLine);
      } else if (c === 125 || c === 93) this.depth--;
      if (this.depth === 0 && !this.inString) {
        const textPart = this.buf + text.slice(elementStart, i + 1);
        this.buf = '';
        elementStart = -1;
        sink(parseJson(textPart, this.elementLine), this.elementLine);
      }
    }
    if (this.depth > 0 || this.inString) this.buf += text.slice(elementStart === -1 ? 0 : elementStart);
  }

  /** Checks that the array was complete. */
  end(): void {
    if (!this.started) throw new UserError('The JSON file holds no array: expected [{...}, {...}].');
    if (!this.finished) throw new UserError(`Line ${this.line}: the JSON array is not closed (missing "]"); the file may be truncated.`);
  }
}

/** Splits JSON Lines text into records, one JSON object per non-blank line. */
export class JsonLinesSplitter {
  private carry = '';
  private line = 0;

  /** Feeds the next chunk of text. */
  push(text: string, sink: JsonSink): void {
    const data = this.carry + text;
    let start = 0;
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl === -1) break;
      this.onLine(data.slice(start, nl), sink);
      start = nl + 1;
    }
    this.carry = data.slice(start);
  }

  /** Parses the last line, if any. */
  end(sink: JsonSink): void {
    if (this.carry.length > 0) this.onLine(this.carry, sink);
    this.carry = '';
  }

  private onLine(text: string, sink: JsonSink): void {
    this.line++;
    const t = text.trim();
    if (t.length === 0) return;
    if (jsonDepthExceeds(t, MAX_RECORD_DEPTH)) throw tooDeep(this.line);
    const value = parseJson(t, this.line);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UserError(`Line ${this.line.toLocaleString('en-US')}: each line of a JSON Lines file must be a record ({"column": value, ...}).`);
    }
    sink(value, this.line);
  }
}

function parseJson(text: string, line: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`Line ${line.toLocaleString('en-US')}: invalid JSON (${clip((err as Error).message)}). Fix the record or export the file again.`);
  }
  refuseForbiddenKeys(value, `Line ${line.toLocaleString('en-US')}`);
  return value;
}

function tooDeep(line: number): UserError {
  return new UserError(`Line ${line.toLocaleString('en-US')}: the record nests objects or arrays more than ${MAX_RECORD_DEPTH} levels deep; a record holds flat values such as numbers and text. Flatten the record or export the file again.`);
}

/** Whether JSON `text` nests objects and arrays deeper than `limit` (strings are skipped; the text need not be valid). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * Turns a JSON value into the text form the importer parses (null/undefined become missing). A
 * nested array or object is refused naming the record's line and key: `{"data": [...]}` is a
 * wrapper around the records, not a record, and importing it as one row would be silently wrong.
 */
export function jsonFieldText(v: unknown, key: string, line: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const name = key.length > 40 ? `${key.slice(0, 37)}...` : key;
  throw new UserError(
    `Line ${line.toLocaleString('en-US')}, key \`${name}\`: the value is ${Array.isArray(v) ? 'an array' : 'an object'}, not a number, text or date. Records must be flat ({"column": value, ...}); if the records are inside \`${name}\`, save that array on its own.`,
  );
}
