/**
 * Defaults that depend on the task, merged over DEFAULT_VARIANT before a preset. Forecasts start
 * from persistence: each window normalised by its own statistics (RevIN-style), the change from the
 * last value predicted (with a zero output layer, so an untrained model repeats the last value) and
 * a Huber loss, which keeps rare jumps from dominating training; a linear map of the window is added
 * to the output (zero at the start), so the model holds the linear window baseline it is judged
 * against and the recurrent layers learn what it misses. These beat repeating the last value and the
 * linear window model on real sensors (see the README's table); a user can turn each off.
 */
import { get } from './variant-validation';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant, type Task, type VariantConfig } from './variant';

/** Per task, the fields whose default differs from DEFAULT_VARIANT. */
export const TASK_DEFAULTS: Record<Task, PartialVariant> = {
  forecast: { scaling: { instanceNorm: true, predictDelta: true }, head: { linearSkip: true }, training: { loss: 'huber' } },
  regress: {},
  rul: {},
  classify: {},
};

/** The complete defaults for a task: DEFAULT_VARIANT with the task's own defaults. */
export function variantDefaults(task: Task): VariantConfig {
  return mergeVariant(DEFAULT_VARIANT, { task }, TASK_DEFAULTS[task]);
}

/**
 * Switches a config's task-dependent defaults from one task to another: a field still at the old
 * task's default takes the new task's default; a field the user changed keeps its value.
 */
export function retaskDefaults(config: VariantConfig, from: Task, to: Task): VariantConfig {
  if (from === to) return config;
  const before = variantDefaults(from);
  const after = variantDefaults(to);
  let out = config;
  for (const path of new Set([...fieldPaths(TASK_DEFAULTS[from]), ...fieldPaths(TASK_DEFAULTS[to])])) {
    if (get(config, path) === get(before, path)) out = mergeVariant(out, nested(path, get(after, path)));
  }
  return out;
}

function fieldPaths(partial: unknown, prefix = ''): string[] {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) return prefix ? [prefix] : [];
  return Object.entries(partial).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k));
}

function nested(path: string, value: unknown): PartialVariant {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as PartialVariant;
}
