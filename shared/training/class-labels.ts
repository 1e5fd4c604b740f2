/** Class names of a classify run and the class of each row (long files) or sequence (wide files). */
import type { DatasetDetail } from '../dataset';
import { UserError } from '../errors';
import type { EntitySeries } from './entity-series';

/** Classes in sorted order and, per entity, its row classes or its sequence class (-1 = missing). */
export interface ClassLabels {
  classNames: string[];
  perEntity: (Int32Array | number)[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Long files: the label column's value at each row is the class (category codes become their names,
 * numbers their text, so 0/1 columns work). Wide files: each sequence's label. Names are sorted
 * (numerically where they are numbers) so the one-hot layout does not depend on row order.
 */
export function classLabels(detail: DatasetDetail, series: readonly EntitySeries[], labelColumn: string | null): ClassLabels {
  if (labelColumn === null) return sequenceClasses(series);
  const profile = detail.columns.find((c) => c.name === labelColumn)!;
  const nameOf = (v: number) => (profile.categories ? (profile.categories[v] ?? String(v)) : String(v));
  const seen = new Set<string>();
  for (const s of series) for (const v of s.columns[labelColumn]) if (v === v) seen.add(nameOf(v));
  if (seen.size < 2) {
    throw new UserError(`input.targets: column \`${labelColumn}\` has ${seen.size === 0 ? 'no values' : `only one class (${[...seen][0]})`}; classifying needs at least two. Choose another label column.`);
  }
  const classNames = [...seen].sort(byName);
  const index = new Map(classNames.map((n, i) => [n, i]));
  const perEntity = series.map((s) => Int32Array.from(s.columns[labelColumn], (v) => (v === v ? index.get(nameOf(v))! : -1)));
  return { classNames, perEntity };
}

function sequenceClasses(series: readonly EntitySeries[]): ClassLabels {
  const names = new Set(series.map((s) => s.label).filter((l): l is string => l !== null));
  if (names.size < 2) {
    throw new UserError(`input.targets: the sequences of this dataset have ${names.size === 0 ? 'no class labels' : 'only one class'}; classifying needs at least two. Import the file again with its label column.`);
  }
  const classNames = [...names].sort(byName);
  const index = new Map(classNames.map((n, i) => [n, i]));
  return { classNames, perEntity: series.map((s) => (s.label === null ? -1 : index.get(s.label)!)) };
}
