/**
 * Whether a dataset can be scored by a model: every column the model reads is present and numeric,
 * and its values lie in a plausible range of what the model was trained on.
 */
import type { ColumnProfile } from '../dataset';
import { fmtNumber } from '../format';
import type { GateResult } from './types';

/** A column the model reads, with the range it saw in training (when known). */
export interface RequiredColumn {
  name: string;
  reference: { min: number; max: number; mean: number } | null;
}

/** One column's verdict. */
export interface ColumnCheck {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

/**
 * Checks each required column against the dataset's profiles: missing or non-numeric columns fail,
 * a range that does not overlap the training range (widened by its width) fails (other units?),
 * a mean outside it warns.
 */
export function checkColumns(required: readonly RequiredColumn[], columns: readonly ColumnProfile[]): ColumnCheck[] {
  return required.map((r) => {
    const c = columns.find((p) => p.name === r.name);
    if (!c) return { name: r.name, status: 'fail', detail: `column \`${r.name}\` is missing` };
    if (c.type !== 'number') return { name: r.name, status: 'fail', detail: `column \`${r.name}\` holds ${c.type} values, the model needs numbers` };
    if (c.count - c.missing <= 0 || c.min === null || c.max === null || c.mean === null) return { name: r.name, status: 'fail', detail: `column \`${r.name}\` has no values` };
    if (!r.reference) return { name: r.name, status: 'pass', detail: `\`${r.name}\` present` };
    const { min, max, mean } = r.reference;
    const width = Math.max(max - min, Math.abs(mean) * 1e-6, 1e-9);
    const lo = min - width;
    const hi = max + width;
    const range = `${fmtNumber(c.min)} to ${fmtNumber(c.max)} (training: ${fmtNumber(min)} to ${fmtNumber(max)})`;
    if (c.max < lo || c.min > hi) return { name: r.name, status: 'fail', detail: `\`${r.name}\` ranges ${range}: other units or another sensor?` };
    if (c.mean < lo || c.mean > hi) return { name: r.name, status: 'warn', detail: `\`${r.name}\` ranges ${range}, its mean ${fmtNumber(c.mean)} far outside` };
    return { name: r.name, status: 'pass', detail: `\`${r.name}\` ${range}` };
  });
}

/** The compatibility gate from the column checks of one dataset. */
export function compatibilityGate(datasetName: string, checks: readonly ColumnCheck[]): GateResult {
  const title = 'Fits the data';
  const bad = checks.filter((c) => c.status === 'fail');
  const odd = checks.filter((c) => c.status === 'warn');
  if (bad.length > 0) return { gate: 'compatibility', status: 'fail', title, detail: `${datasetName}: ${bad.map((c) => c.detail).join('; ')}.` };
  if (odd.length > 0) return { gate: 'compatibility', status: 'warn', title, detail: `${datasetName}: ${odd.map((c) => c.detail).join('; ')}.` };
  return { gate: 'compatibility', status: 'pass', title, detail: `${datasetName} has the ${checks.length} column${checks.length === 1 ? '' : 's'} the model reads, in plausible ranges.` };
}
