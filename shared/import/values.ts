/** Parsing of single field values: numbers, missing markers and timestamps. Pure and allocation-light. */

/** Field texts that mean "no value" (besides an empty field). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'None', '#N/A']);

/** True when a field holds no value: empty, whitespace, or a missing marker such as NA, NaN or null. */
export function isMissing(s: string): boolean {
  if (s.length === 0) return true;
  if (MISSING_TOKENS.has(s)) return true;
  const c = s.charCodeAt(0);
  return (c === 32 || c === 9) && s.trim().length === 0;
}

const INFINITY_WORDS = /^[+-]?(inf|infinity)$/i;

/**
 * True when a field holds a non-finite number: `Inf`, `-Infinity` (any case) or a number too large
 * for a double (`1e999`). The importer reads these as missing values and counts them in a warning,
 * so one overflowed reading neither turns a sensor column into text nor stops the import. (`NaN` is
 * a missing marker, see MISSING_TOKENS.)
 */
export function isNonFinite(s: string, decimal: '.' | ',' = '.'): boolean {
  const t = s.trim();
  if (INFINITY_WORDS.test(t)) return true;
  if (!/^[+-]?[\d.,]+[eE][+-]?\d+$/.test(t)) return false;
  const v = +(decimal === ',' ? t.replace(',', '.') : t);
  return v === Infinity || v === -Infinity;
}

/** The dates a time column may hold: the years 1900 to 2200, as epoch milliseconds [from, to). */
export const DATE_RANGE_MS: readonly [number, number] = [Date.UTC(1900, 0, 1), Date.UTC(2201, 0, 1)];

/**
 * Parses a decimal number ("12.5", "-3e-4", or "12,5" with a decimal comma); NaN when the text is not a
 * plain finite number (hex, Infinity and trailing text are rejected).
 */
export function parseNumber(s: string, decimal: '.' | ',' = '.'): number {
  const text = decimal === ',' ? s.replace(',', '.') : s;
  const v = +text;
  if (v !== v || v === Infinity || v === -Infinity) return NaN;
  // Number() also accepts "" and "  " (as 0) and "0x1F", "0b1", "0o7": reject those.
  if (v === 0 && text.trim().length === 0) return NaN;
  if (text.length > 2 && text.charCodeAt(0) === 48 /* 0 */) {
    const c1 = text.charCodeAt(1) | 32;
    if (c1 === 120 /* x */ || c1 === 98 /* b */ || c1 === 111 /* o */) return NaN;
  }
  return v;
}

const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAY_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses a calendar timestamp to epoch milliseconds (UTC): ISO 8601 (`2024-01-31T12:00:00Z`, with an
 * offset or without), `YYYY-MM-DD HH:mm:ss`, `YYYY/MM/DD ...` and `DD.MM.YYYY HH:mm`. Times without an
 * offset are taken as UTC so results never depend on the machine's time zone. NaN when not a timestamp.
 */
export function parseTimestamp(s: string): number {
  const fast = parseCommonTimestamp(s);
  if (fast === fast) return fast;
  const t = s.length > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) ? s.trim() : s;
  let m = ISO_LIKE.exec(t);
  if (m) {
    const ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
    return utc(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, ms, m[8]);
  }
  m = DAY_FIRST.exec(t);
  if (m) return utc(+m[3], +m[2], +m[1], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, 0, undefined);
  return NaN;
}

/** Start of each calendar day seen, by y * 10000 + m * 100 + d (files repeat the same dates). */
const dayCache = new Map<number, number>();

/**
 * The fast path for the most common shape, `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DDTHH:mm:ss[Z]`, read
 * by character codes with the day's start cached; NaN for anything else (the general parser decides).
 */
function parseCommonTimestamp(s: string): number {
  const n = s.length;
  if (n !== 19 && n !== 20) return NaN;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return NaN;
    scratch[i] = c;
  }
  readCommonTimestampAt(scratch, 0, n, scratchValue, 0);
  return scratchValue[0];
}

/** Char codes of a short text, and its value, for readCommonTimestampAt. */
const scratch = new Uint8Array(20);
const scratchValue = new Float64Array(1);

/**
 * parseCommonTimestamp on the bytes b[from, to) of an ASCII-compatible text (the importer's fast
 * path), into out[k]: NaN when it is not a common timestamp. Nothing is returned, so the hot loop of
 * an import allocates nothing (see readSimpleNumber).
 */
export function readCommonTimestampAt(b: Uint8Array, from: number, to: number, out: Float64Array, k: number): void {
  out[k] = NaN;
  const n = to - from;
  if ((n !== 19 && !(n === 20 && b[from + 19] === 90)) || b[from + 4] !== 45 || b[from + 7] !== 45) return;
  const sep = b[from + 10];
  if ((sep !== 32 && sep !== 84) || b[from + 13] !== 58 || b[from + 16] !== 58) return;
  const h = two(b, from + 11);
  const mi = two(b, from + 14);
  const sec = two(b, from + 17);
  if (!(h <= 23 && mi <= 59 && sec <= 59)) return;
  const y = two(b, from) * 100 + two(b, from + 2);
  if (!(y >= 1900 && y <= 2200)) return; // outside DATE_RANGE_MS: the general path reports it
  const mo = two(b, from + 5);
  const d = two(b, from + 8);
  const key = y * 10000 + mo * 100 + d;
  if (key !== key) return;
  if (key !== lastDay[0]) {
    let day = dayCache.get(key);
    if (day === undefined) {
      day = utc(y, mo, d, 0, 0, 0, 0, undefined);
      if (day !== day) return;
      if (dayCache.size > 100_000) dayCache.clear();
      dayCache.set(key, day);
    }
    lastDay[0] = key;
    lastDay[1] = day;
  }
  out[k] = lastDay[1] + h * 3_600_000 + mi * 60_000 + sec * 1000;
}

/** The last day looked up, [key, epoch ms] (rows of a file mostly share the previous row's day). */
const lastDay = new Float64Array([NaN, NaN]);

/** Two decimal digits at `i` as a number; NaN if they are not digits. */
function two(b: Uint8Array, i: number): number {
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : NaN;
}

/** Exact powers of ten (every one up to 1e22 is a double). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The fast path of parseNumber for the field of an ASCII-compatible text that starts at b[from] and
 * ends at the next `stop` byte (a delimiter) or at `to`: an optional sign, up to 15 digits and one
 * decimal separator (char code `decimal`), as in "-12.375". The digits make an exact integer and the
 * division by an exact power of ten rounds once, so the result is Number()'s to the last bit. The
 * value goes to out[k] (NaN for anything else: exponents, spaces, text, empty; the caller then asks
 * parseNumber and isMissing) and where the field ends is returned: a small integer, so the hot loop
 * of an import allocates nothing (a double returned from a call is boxed).
 */
export function readSimpleNumber(b: Uint8Array, from: number, to: number, stop: number, decimal: number, out: Float64Array, k: number): number {
  let i = from;
  let c = i < to ? b[i] : stop;
  const negative = c === 45;
  if (negative || c === 43) c = ++i < to ? b[i] : stop;
  const first = i;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = ++i < to ? b[i] : stop;
  }
  let digits = i - first;
  let scale = 0;
  if (c === decimal) {
    const dot = ++i;
    c = i < to ? b[i] : stop;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = ++i < to ? b[i] : stop;
    }
    scale = i - dot;
    digits += scale;
  }
  if (c !== stop || digits === 0 || digits > 15) {
    while (i < to && b[i] !== stop) i++;
    out[k] = NaN;
    return i;
  }
  const v = scale === 0 ? mantissa : mantissa / POW10[scale];
  out[k] = negative ? -v : v;
  return i;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone?: string): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  let v = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (y < 100) v = new Date(v).setUTCFullYear(y); // Date.UTC reads years 0-99 as 1900-1999
  if (new Date(v).getUTCDate() !== d) return NaN; // 2013-02-30 and the like
  if (!zone || zone === 'Z') return v;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
  return v - sign * offsetMin * 60000;
}

/** How a numeric time column should be read, decided from its magnitude. */
export type NumericTimeUnit = 'epoch-ms' | 'epoch-s' | 'index';

/**
 * Decides whether numeric times are epoch milliseconds (>= 1e11, after 1973), epoch seconds (>= 1e8,
 * after 1973) or a plain step index such as a cycle count.
 */
export function numericTimeUnit(sampleMin: number): NumericTimeUnit {
  if (sampleMin >= 1e11) return 'epoch-ms';
  if (sampleMin >= 1e8) return 'epoch-s';
  return 'index';
}

/** Formats epoch ms as `YYYY-MM-DD HH:mm:ss` (UTC) for messages. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
}
