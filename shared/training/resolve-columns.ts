/** Resolves a config's `input.features` and `input.targets` against a dataset's columns. */
import type { ColumnProfile, DatasetDetail } from '../dataset';
import { UserError } from '../errors';
import type { VariantConfig } from '../model/variant';

/** The columns a run uses, by name. */
export interface ResolvedColumns {
  /** Input columns before feature engineering, in dataset order for 'all' or as listed. */
  features: string[];
  /** forecast/regress: the target columns; other tasks: none. */
  targets: string[];
  /** classify on a long file: the column holding the classes; null otherwise (wide files use sequence labels). */
  labelColumn: string | null;
  /** The dataset holds one labelled sequence per entity (wide format). */
  wide: boolean;
}

/**
 * Picks the input and target columns. `input.features: 'all'` means every numeric feature column,
 * minus the regress targets (their value at the window's last step would be the answer) and the
 * classify label. Unknown or unusable names raise a UserError naming the field and the choices.
 */
export function resolveColumns(detail: DatasetDetail, config: VariantConfig): ResolvedColumns {
  const wide = detail.summary.format === 'wide';
  const targets = config.task === 'forecast' || config.task === 'regress' ? config.input.targets.map((n) => numericColumn(detail, n, 'input.targets')) : [];
  const labelColumn = config.task === 'classify' && !wide ? resolveLabelColumn(detail, config) : null;
  if (config.task === 'classify' && wide) checkWideLabel(detail, config);
  const excluded = new Set<string>(labelColumn ? [labelColumn] : []);
  if (config.task === 'regress') targets.forEach((t) => excluded.add(t));
  let features: string[];
  if (config.input.features === 'all') {
    features = detail.columns.filter((c) => c.role === 'feature' && c.type === 'number' && !excluded.has(c.name)).map((c) => c.name);
    if (features.length === 0) {
      throw new UserError(`input.features: this dataset has no numeric input column besides the target (${[...excluded].join(', ')}). Import a file with sensor columns, or pick another target.`);
    }
  } else {
    features = unique(config.input.features).map((n) => numericColumn(detail, n, 'input.features'));
    const clash = features.find((f) => excluded.has(f));
    if (clash) {
      const why = config.task === 'regress' ? 'is a target of the regress task, whose answer is its value at the window\'s last step' : 'is the label being classified';
      throw new UserError(`input.features: \`${clash}\` ${why}. Remove it from input.features${config.task === 'regress' ? ' (or use the forecast task to predict it ahead)' : ''}.`);
    }
  }
  return { features, targets: unique(targets), labelColumn, wide };
}

/** The label column of a long-format classify run: the given target or the dataset's label column. */
function resolveLabelColumn(detail: DatasetDetail, config: VariantConfig): string {
  const given = config.input.targets[0];
  if (given !== undefined) return dataColumn(detail, given, 'input.targets').name;
  const label = detail.columns.find((c) => c.role === 'label');
  if (label) return label.name;
  throw new UserError(
    `input.targets: this dataset has no label column, so the classify task does not know the classes. Name the column that holds them in input.targets (one of: ${dataColumns(detail).join(', ')}), or import the file again with a label column.`,
  );
}

/** Wide files are classified by their sequence labels: a named target must be that label column. */
function checkWideLabel(detail: DatasetDetail, config: VariantConfig): void {
  const given = config.input.targets[0];
  if (given === undefined || given === detail.summary.labelColumn) return;
  throw new UserError(
    `input.targets: this dataset holds one labelled sequence per row, classified by its label${detail.summary.labelColumn ? ` (column \`${detail.summary.labelColumn}\`)` : ''}; \`${given}\` is not it. Leave input.targets empty.`,
  );
}

/** A numeric data column by name, or a UserError naming the field, the bad name and the choices. */
function numericColumn(detail: DatasetDetail, name: string, field: string): string {
  const c = dataColumn(detail, name, field);
  if (c.type !== 'number') {
    const choices = detail.columns.filter((x) => x.role !== 'time' && x.type === 'number').map((x) => x.name);
    throw new UserError(`${field}: \`${name}\` holds text categories, not numbers, so it cannot be a model input or a forecast target. Choose from: ${choices.join(', ')}.`);
  }
  return c.name;
}

/** Any non-time column by name, or a UserError listing the available ones. */
function dataColumn(detail: DatasetDetail, name: string, field: string): ColumnProfile {
  const c = detail.columns.find((x) => x.name === name && x.role !== 'time');
  if (c) return c;
  const time = detail.columns.find((x) => x.role === 'time');
  const hint = time?.name === name ? ' It is the time column, which orders the rows rather than being an input.' : '';
  throw new UserError(`${field}: this dataset has no column \`${name}\`.${hint} Available columns: ${dataColumns(detail).join(', ')}.`);
}

function dataColumns(detail: DatasetDetail): string[] {
  return detail.columns.filter((c) => c.role !== 'time').map((c) => c.name);
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
