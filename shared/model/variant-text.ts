import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { UserError, clip } from '../errors';
import { jsonDepthExceeds } from '../import/json-records';
import { isForbiddenKey, refuseForbiddenKeys } from '../safe-keys';

/** Deepest bracket nesting a config may have (configs are three or four levels deep). */
const MAX_CONFIG_DEPTH = 32;
import { isPlainObject, type PartialVariant, type VariantConfig } from './variant';

/** Parses a config written as YAML or JSON (JSON is YAML too); errors name the line. */
export function parseVariantText(text: string, source = 'the config'): PartialVariant {
  if (jsonDepthExceeds(text, MAX_CONFIG_DEPTH)) {
    throw new UserError(`${source} nests lists or objects more than ${MAX_CONFIG_DEPTH} levels deep; a config is a few levels deep. Check that this is the right file.`);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new UserError(`${source} is not valid YAML or JSON: ${clip((err as Error).message.split('\n')[0], 160)}`);
  }
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new UserError(`${source} must hold fields such as "task: forecast", not a ${Array.isArray(value) ? 'list' : typeof value}.`);
  refuseForbiddenKeys(value, source);
  return value as PartialVariant;
}

/** Writes a config as YAML (for the editor and for saving next to a model) or JSON. */
export function formatVariant(config: VariantConfig | PartialVariant, format: 'yaml' | 'json' = 'yaml'): string {
  return format === 'json' ? JSON.stringify(config, null, 2) + '\n' : stringifyYaml(config);
}

/**
 * Applies `--set key=value` overrides (dotted paths; values parsed as YAML scalars or lists, so
 * `recurrent.units=[128,64]`, `training.epochs=5` and `attention.enabled=true` all work).
 */
export function applySets(config: PartialVariant, sets: string[]): PartialVariant {
  const out = structuredClone(config) as Record<string, unknown>;
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UserError(`--set ${clip(s)}: write it as key=value, e.g. --set training.epochs=5.`);
    const keys = s.slice(0, eq).trim().split('.');
    const bad = keys.find(isForbiddenKey);
    if (bad !== undefined) throw new UserError(`--set ${s.slice(0, 80)}: "${bad}" is never accepted as a field name. Use a field of the config, e.g. --set training.epochs=5.`);
    let value: unknown;
    try {
      value = parseYaml(s.slice(eq + 1)) as unknown;
    } catch (err) {
      const why = (err as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new UserError(`--set ${s.slice(0, 80)}: the value is not valid YAML (${why.slice(0, 80)}). Close lists and quote odd text, e.g. --set recurrent.units=[128,64].`);
    }
    refuseForbiddenKeys(value, `--set ${s.slice(0, eq)}`);
    let node = out;
    for (const k of keys.slice(0, -1)) {
      if (!isPlainObject(node[k])) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  return out as PartialVariant;
}
