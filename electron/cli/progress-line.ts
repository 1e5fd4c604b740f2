/** Import progress on stderr: one updating line on a terminal, a line every few seconds in logs. */
import type { JobProgress } from '../../shared/api';
import { fmtInt } from '../../shared/errors';
import { fmtBytes } from '../../shared/format';
import type { OutStream } from './io';

/** Minimum time between two progress lines when stderr is not a terminal (a log or a pipe). */
export const LOG_INTERVAL_MS = 2000;

/** Shows job progress; `finish()` clears the updating line before the result is printed. */
export interface ProgressLine {
  update(p: JobProgress): void;
  finish(): void;
}

/**
 * Creates the progress display of one job on `stream` (stderr, never stdout, which holds results).
 * `label` names the work ("Importing data.csv"); `now` is injectable for tests.
 */
export function createProgressLine(stream: OutStream, label: string, now: () => number = Date.now): ProgressLine {
  const tty = stream.isTTY === true;
  let lastLog = -Infinity;
  let shown = false;
  return {
    update(p) {
      const text = `${label}: ${describe(p)}`;
      if (tty) {
        const width = Math.max(20, (stream.columns || 80) - 1);
        stream.write(`\r${text.slice(0, width)}\x1b[K`);
        shown = true;
        return;
      }
      const t = now();
      if (t - lastLog < LOG_INTERVAL_MS) return;
      lastLog = t;
      stream.write(text + '\n');
    },
    finish() {
      if (tty && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** "Reading rows 42% (9,532 rows, 3.1 MB of 7.3 MB)". */
function describe(p: JobProgress): string {
  const pct = p.fraction === null ? '' : ` ${Math.floor(p.fraction * 100)}%`;
  const bytes = p.totalBytes > 0 ? `, ${fmtBytes(p.bytes)} of ${fmtBytes(p.totalBytes)}` : '';
  if (p.rows === 0 && p.totalBytes === 0) return `${p.phase}${pct}`;
  return `${p.phase}${pct} (${fmtInt(p.rows)} rows${bytes})`;
}
