/** UI-only formatting (locale dates, Plotly dates, delimiter names); the rest lives in shared/format. */
import type { TimeKind } from '../../../shared/dataset';
import { fmtTimeValue } from '../../../shared/format';

export * from '../../../shared/format';

/** Formats an ISO timestamp in the user's locale, for "created" columns. */
export function fmtLocalDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "Nov 23, 20:28": a time short enough for a table column (the full date belongs in its tooltip). */
export function fmtShortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A point in time for a table column: "2025-04-01 00:00" for datetime (midnight kept, unlike fmtDateTime), the number otherwise. */
export function fmtTableTime(v: number, kind: TimeKind): string {
  if (kind !== 'datetime' || !Number.isFinite(v)) return fmtTimeValue(v, kind);
  const iso = new Date(v).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
}

/** Converts epoch ms into the string Plotly reads as a date without shifting it to local time. */
export function msToPlotlyDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/** Converts a Plotly date string (UTC wall clock, as produced by msToPlotlyDate) back to epoch ms. */
export function plotlyDateToMs(s: string | number): number {
  if (typeof s === 'number') return s;
  const iso = s.trim().replace(' ', 'T');
  const withTime = iso.includes('T') ? iso : `${iso}T00:00:00`;
  return Date.parse(`${withTime}Z`);
}

/** Names a delimiter for people: "\t" -> "Tab". */
export function delimiterLabel(d: string): string {
  switch (d) {
    case ',':
      return 'Comma ( , )';
    case ';':
      return 'Semicolon ( ; )';
    case '\t':
      return 'Tab';
    case '|':
      return 'Pipe ( | )';
    case 'whitespace':
      return 'Whitespace';
    default:
      return d;
  }
}
