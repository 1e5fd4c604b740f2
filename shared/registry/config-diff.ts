/** The differences between two configs (or any JSON values) as dotted paths, for comparing versions. */
import { isPlainObject } from '../model/variant';
import type { ConfigDifference } from './types';

/**
 * Walks two JSON values and lists every leaf that differs, by dotted path (`recurrent.units`).
 * Arrays are compared whole (a list of units is one setting). Paths come out sorted.
 */
export function diffConfigs(a: unknown, b: unknown): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  walk(a, b, '', out);
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

function walk(a: unknown, b: unknown, at: string, out: ConfigDifference[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(a[k], b[k], at ? `${at}.${k}` : k, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: at || '(root)', a, b });
}
