/**
 * Turns a training request into one complete, checked VariantConfig:
 * defaults (with the task's own, shared/model/task-defaults.ts) <- the preset's config <- the request's config. Every problem is reported at once, as
 * `path: message` lines, in a UserError (exit 1 in the CLI, a form message in the UI).
 */
import { UserError } from '../../shared/errors';
import type { PresetInfo } from '../../shared/model/training';
import { formatFieldErrors, validateVariant } from '../../shared/model/variant-validation';
import { variantDefaults } from '../../shared/model/task-defaults';
import { DEFAULT_VARIANT, TASKS, isPlainObject, mergeVariant, type PartialVariant, type VariantConfig } from '../../shared/model/variant';
import { findPreset } from './presets';

/** Resolves and validates the config of a run; throws a UserError naming each wrong field. */
export function resolveTrainConfig(presets: PresetInfo[], presetName: string | undefined | null, config: PartialVariant | undefined): VariantConfig {
  const preset = presetName ? findPreset(presets, presetName) : null;
  const task = (isPlainObject(config) && config.task) || preset?.config.task || DEFAULT_VARIANT.task;
  const base = mergeVariant(TASKS.includes(task) ? variantDefaults(task) : DEFAULT_VARIANT, preset?.config);
  const result = validateVariant(config ?? {}, base);
  if (!result.ok) throw new UserError(`The training config is not valid:\n${formatFieldErrors(result.errors)}`);
  if (preset && !preset.tasks.includes(result.config.task)) {
    const suitable = presets.filter((p) => p.tasks.includes(result.config.task)).map((p) => p.name);
    throw new UserError(
      `The preset '${preset.name}' is made for ${preset.tasks.join(', ')}, not ${result.config.task}. Presets for ${result.config.task}: ${suitable.join(', ') || 'none'}.`,
    );
  }
  return result.config;
}

/** Deep-merges partial configs, later ones winning (objects merge; lists and values replace). */
export function mergePartials(...parts: (PartialVariant | undefined)[]): PartialVariant {
  let out: Record<string, unknown> = {};
  for (const p of parts) if (p) out = mergeInto(out, p as Record<string, unknown>);
  return out as PartialVariant;
}

function mergeInto(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(out[k]) && isPlainObject(v) ? mergeInto(out[k] as Record<string, unknown>, v) : structuredClone(v);
  }
  return out;
}
