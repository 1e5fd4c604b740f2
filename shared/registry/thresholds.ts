/** Metric thresholds as users write them (`mae<=2.5`, `accuracy >= 0.9`), parsed and checked. */
import { UserError } from '../errors';
import type { MetricThreshold } from './types';

const THRESHOLD = /^\s*([A-Za-z][\w.]*)\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

/** Parses "mae<=2.5,rmse<3" (comma-separated) into thresholds; a bad item is named in the error. */
export function parseThresholds(text: string): MetricThreshold[] {
  return text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const m = THRESHOLD.exec(part);
      if (!m) throw new UserError(`The threshold "${part.trim()}" cannot be read: write METRIC<=VALUE or METRIC>=VALUE, such as mae<=2.5 or accuracy>=0.9.`);
      return { metric: m[1].toLowerCase(), op: m[2] as MetricThreshold['op'], value: Number(m[3]) };
    });
}

/** "mae <= 2.5" */
export function formatThreshold(t: MetricThreshold): string {
  return `${t.metric} ${t.op} ${t.value}`;
}

/** True when `value` meets the threshold. */
export function meetsThreshold(t: MetricThreshold, value: number): boolean {
  switch (t.op) {
    case '<=':
      return value <= t.value;
    case '>=':
      return value >= t.value;
    case '<':
      return value < t.value;
    case '>':
      return value > t.value;
  }
}
