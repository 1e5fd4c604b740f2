/** Calendar features (hour of day, day of week, day of year) as sin/cos pairs, in UTC. */
import type { CalendarFeature } from '../model/variant';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Names of the calendar columns in the order `calendarColumns` returns them: `hour_sin`, `hour_cos`, ... */
export function calendarNames(calendar: readonly CalendarFeature[]): string[] {
  return calendar.flatMap((c) => [`${c}_sin`, `${c}_cos`]);
}

/**
 * Sin/cos pairs of each calendar feature for epoch-ms times (UTC), so 23:00 sits next to 00:00:
 * hour uses the fractional hour over 24 (06:00 gives sin 1), dayOfWeek the day (Sunday 0) over 7,
 * dayOfYear the day (1 January 0) over the length of that year.
 */
export function calendarColumns(time: Float64Array, calendar: readonly CalendarFeature[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of calendar) {
    const sin = new Float64Array(time.length);
    const cos = new Float64Array(time.length);
    for (let i = 0; i < time.length; i++) {
      const angle = 2 * Math.PI * calendarPhase(time[i], c);
      sin[i] = Math.sin(angle);
      cos[i] = Math.cos(angle);
    }
    out.push(sin, cos);
  }
  return out;
}

/** Where a time falls in the feature's cycle, as a fraction in [0, 1). */
export function calendarPhase(ms: number, feature: CalendarFeature): number {
  const day = Math.floor(ms / MS_PER_DAY);
  if (feature === 'hour') return (ms - day * MS_PER_DAY) / MS_PER_HOUR / 24;
  if (feature === 'dayOfWeek') return (((day + 4) % 7) + 7) % 7 / 7; // 1970-01-01 was a Thursday
  const year = new Date(ms).getUTCFullYear();
  const startDay = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / MS_PER_DAY;
  return (day - startDay) / daysInYear;
}
