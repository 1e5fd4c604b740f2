/** Per-entity input and target columns after missing-value filling and feature engineering. */
import type { TimeKind } from '../dataset';
import { UserError, fmtInt } from '../errors';
import type { VariantConfig } from '../model/variant';
import { calendarColumns, calendarNames } from './calendar-features';
import type { EntitySeries } from './entity-series';
import { engineerColumn, engineeredNames } from './feature-engineering';
import { fillMissing } from './fill-missing';
import type { ResolvedColumns } from './resolve-columns';

/** One entity ready for windowing: columns are unscaled here and scaled later by `scaleFrame`. */
export interface EntityFrame {
  name: string;
  length: number;
  time: Float64Array | null;
  /** Input columns in `featureNames` order: base columns (filled), engineered ones, calendar ones. */
  features: Float64Array[];
  /** forecast/regress targets as stored: missing values stay NaN (their windows are dropped). */
  targets: Float64Array[];
  /** The same targets filled like the inputs: the last observed value and window statistics come from these. */
  filledTargets: Float64Array[];
  /** classify: class index per row (long) or of the whole sequence (wide), -1 = missing; else null. */
  classes: Int32Array | number | null;
}

/** Every entity's frame with the shared column names. */
export interface FrameSet {
  frames: EntityFrame[];
  featureNames: string[];
  /** How many trailing feature columns are calendar sin/cos pairs (already in [-1, 1]). */
  calendarCount: number;
  notes: string[];
}

/**
 * Fills missing inputs per entity and column (forward, then backward at the start), adds the
 * engineered and calendar columns, and keeps targets apart so filled values never become labels.
 */
export function buildFrames(
  series: readonly EntitySeries[],
  columns: ResolvedColumns,
  config: VariantConfig,
  timeKind: TimeKind,
  classes: (Int32Array | number)[] | null,
): FrameSet {
  const spec = config.engineering;
  if (spec.calendar.length > 0 && (timeKind !== 'datetime' || columns.wide)) {
    throw new UserError(
      `engineering.calendar: calendar features need a date/time axis, and this dataset's time axis is ${columns.wide ? 'the position in each sequence' : timeKind === 'index' ? 'a step index' : 'the row order'}. Remove ${spec.calendar.join(', ')} from engineering.calendar.`,
    );
  }
  const calendar = calendarNames(spec.calendar);
  const featureNames = [...columns.features, ...columns.features.flatMap((f) => engineeredNames(f, spec)), ...calendar];
  const filled = new Map<string, number>();
  const empty = new Set<string>();
  const frames = series.map((s, e): EntityFrame => {
    const base = columns.features.map((name) => {
      const r = fillMissing(s.columns[name]);
      if (r.filled > 0) filled.set(name, (filled.get(name) ?? 0) + r.filled);
      if (r.empty && r.values.length > 0) empty.add(`${name} (${s.name})`);
      return r.values;
    });
    const engineered = base.flatMap((v) => engineerColumn(v, spec));
    const cal = calendar.length > 0 && s.time ? calendarColumns(s.time, spec.calendar) : [];
    return {
      name: s.name,
      length: s.time?.length ?? firstLength(s),
      time: s.time,
      features: [...base, ...engineered, ...cal],
      targets: columns.targets.map((t) => s.columns[t]),
      filledTargets: columns.targets.map((t) => {
        const i = columns.features.indexOf(t);
        return i >= 0 ? base[i] : fillMissing(s.columns[t]).values;
      }),
      classes: classes ? classes[e] : null,
    };
  });
  return { frames, featureNames, calendarCount: calendar.length, notes: fillNotes(filled, empty, series.length > 1) };
}

function firstLength(s: EntitySeries): number {
  for (const k in s.columns) return s.columns[k].length;
  return 0;
}

function fillNotes(filled: Map<string, number>, empty: Set<string>, many: boolean): string[] {
  const notes: string[] = [];
  if (filled.size > 0) {
    const total = [...filled.values()].reduce((a, b) => a + b, 0);
    const per = [...filled].map(([name, n]) => `${name} ${fmtInt(n)}`).join(', ');
    notes.push(`Filled ${fmtInt(total)} missing input value${total === 1 ? '' : 's'} with the last observed value (the first observed one at the start of ${many ? 'an entity' : 'the series'}): ${per}.`);
  }
  if (empty.size > 0) {
    notes.push(`Some inputs have no value at all in an entity and read as the training mean there: ${[...empty].slice(0, 10).join(', ')}${empty.size > 10 ? ', ...' : ''}.`);
  }
  return notes;
}
