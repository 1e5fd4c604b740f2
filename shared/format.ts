/** Number, date, size and duration formatting shared by the UI, the CLI and reports. */
import type { TimeKind } from './dataset';

const EMPTY = '—';

/** Formats a count with thousands separators: 22695 -> "22,695". */
export function fmtCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return EMPTY;
  return Math.round(n).toLocaleString('en-US');
}

/** Formats a measured value compactly: integers exactly, others to 5 significant digits, extremes in exponent form. */
export function fmtNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return EMPTY;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e12) return v.toLocaleString('en-US');
  if (a !== 0 && (a >= 1e9 || a < 1e-3)) return v.toExponential(2);
  return v.toLocaleString('en-US', { maximumSignificantDigits: 5 });
}

/** Formats a fraction 0..1 as a percentage: 0.0123 -> "1.2%"; never rounds a near-1 share up to "100%". */
export function fmtPct(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return EMPTY;
  const pct = fraction * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  let d = digits;
  let text = pct.toFixed(d);
  while (pct < 100 && Number(text) >= 100 && d < 4) text = pct.toFixed(++d);
  if (pct < 100 && Number(text) >= 100) return '>99.99%';
  return `${text}%`;
}

/** Why an upload is refused: larger than browser mode's limit, and what to do instead. */
export function uploadTooLargeMessage(name: string, limit: number): string {
  return `${name} is larger than the upload limit of ${fmtBytes(limit)}. Import it with the command line (\`lstm-studio import FILE\`), or raise "uploadLimitBytes" in settings.json in the data folder.`;
}

/** Formats a byte count: 1536 -> "1.5 KB". */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return EMPTY;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Formats bytes as megabytes with one decimal: used for import progress ("12.3 MB"). */
export function fmtMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Formats a duration in ms in the largest unit that reads naturally: 300000 -> "5 min", 5400000 -> "1.5 h". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY;
  const units: [number, string][] = [
    [86_400_000 * 365, 'y'],
    [86_400_000 * 7, 'wk'],
    [86_400_000, ms === 86_400_000 ? 'day' : 'days'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const a = Math.abs(ms);
  for (const [size, name] of units) {
    if (a >= size) {
      const v = ms / size;
      return `${Number.isInteger(v) ? v : Number(v.toPrecision(3))} ${name}`;
    }
  }
  return `${Number(ms.toPrecision(3))} ms`;
}

/** Formats a step count: 1 -> "1 step", 10 -> "10 steps". */
export function fmtSteps(n: number | null | undefined, unit = 'step'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return EMPTY;
  return `${fmtNumber(n)} ${n === 1 ? unit : `${unit}s`}`;
}

/** Formats a length on a time axis of the given kind (ms for datetime, steps otherwise). */
export function fmtInterval(v: number | null | undefined, kind: TimeKind): string {
  if (kind === 'datetime') return fmtDuration(v);
  return fmtSteps(v, kind === 'row' ? 'row' : 'step');
}

/** Formats epoch ms as UTC wall-clock time ("2013-12-02 21:15"), seconds only when present. */
export function fmtDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY;
  const iso = new Date(ms).toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return date;
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/** Formats a point on a time axis of the given kind: a date for datetime, a number otherwise. */
export function fmtTimeValue(v: number | null | undefined, kind: TimeKind): string {
  return kind === 'datetime' ? fmtDateTime(v) : fmtNumber(v);
}
