/** Which way each metric is better, and which metric decides when two versions are compared. */
import type { Task } from '../model/variant';

const HIGHER_IS_BETTER = /^(accuracy|f1|macro_f1|precision|recall|r2|auc|roc_auc|pr_auc|within_?5(pct)?|coverage)/i;

/** True when a larger value of the metric is better (accuracy, F1, R², AUC...); errors and losses are lower-is-better. */
export function higherIsBetter(metric: string): boolean {
  return HIGHER_IS_BETTER.test(metric);
}

/** The metric gates and comparisons decide by: MAE for numeric targets, accuracy for classes. */
export function primaryMetric(task: Task): string {
  return task === 'classify' ? 'accuracy' : 'mae';
}

/** Which of two values is better for `metric`: 'a', 'b' or 'same'; null when one is missing. */
export function betterSide(metric: string, a: number | null | undefined, b: number | null | undefined): 'a' | 'b' | 'same' | null {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (a === b) return 'same';
  return (a > b) === higherIsBetter(metric) ? 'a' : 'b';
}
