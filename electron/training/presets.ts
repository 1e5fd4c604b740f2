/**
 * The built-in presets (models/presets/*.yaml): named partial configs with the tasks they suit.
 * Each is checked when loaded: merged over the defaults for each of its tasks it must be a valid
 * variant, so a broken preset file is reported naming the file and the field, never trained.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../shared/errors';
import type { PresetInfo } from '../../shared/model/training';
import { parseVariantText } from '../../shared/model/variant-text';
import { formatFieldErrors, validateVariant } from '../../shared/model/variant-validation';
import { DEFAULT_VARIANT, TASKS, isPlainObject, type PartialVariant, type Task } from '../../shared/model/variant';
import { projectRoot } from '../app/version';

/** The folder of the built-in presets. */
export function presetsDir(): string {
  return path.join(projectRoot(), 'models', 'presets');
}

/** Targets used only to check a preset for tasks that need target columns. */
const PLACEHOLDER_TARGETS: Record<Task, string[]> = { forecast: ['target'], regress: ['target'], rul: [], classify: [] };

const PRESET_FIELDS = ['name', 'title', 'description', 'tasks', 'config'];

/** Loads and checks every preset in `dir`, sorted by name; throws a UserError naming the file and field of a broken one. */
export function loadPresets(dir: string = presetsDir()): PresetInfo[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  } catch (err) {
    throw new Error(`Cannot read the presets folder ${dir}: ${(err as Error).message}. The installation may be incomplete.`, { cause: err });
  }
  const presets = files.map((f) => parsePresetFile(path.join(dir, f)));
  const seen = new Map<string, string>();
  for (const [i, p] of presets.entries()) {
    const other = seen.get(p.name);
    if (other) throw new UserError(`Preset file ${files[i]}: name '${p.name}' is already used by ${other}; give each preset its own name.`);
    seen.set(p.name, files[i]);
  }
  return presets.sort((a, b) => a.name.localeCompare(b.name));
}

/** Parses and checks one preset file. */
export function parsePresetFile(file: string): PresetInfo {
  const where = `Preset file ${path.basename(file)}`;
  const raw = parseVariantText(fs.readFileSync(file, 'utf8'), where) as Record<string, unknown>;
  const fail = (lines: string) => new UserError(`${where} is broken:\n${lines}`);
  const unknown = Object.keys(raw).filter((k) => !PRESET_FIELDS.includes(k));
  if (unknown.length > 0) throw fail(unknown.map((k) => `${k}: is not a known field of a preset. Known fields: ${PRESET_FIELDS.join(', ')}.`).join('\n'));
  for (const k of ['name', 'title', 'description'] as const) {
    if (typeof raw[k] !== 'string' || (raw[k] as string).trim() === '') throw fail(`${k}: is missing; give it as text.`);
  }
  const tasks = raw.tasks;
  if (!Array.isArray(tasks) || tasks.length === 0 || tasks.some((t) => !TASKS.includes(t as Task))) {
    throw fail(`tasks: ${JSON.stringify(tasks)} is not allowed: give a list of one or more of ${TASKS.join(', ')}.`);
  }
  const config = raw.config ?? {};
  if (!isPlainObject(config)) throw fail('config: must be a group of fields such as "recurrent: { units: [64] }".');
  const ownTask = (config as PartialVariant).task;
  if (ownTask !== undefined && !tasks.includes(ownTask)) throw fail(`config.task: '${String(ownTask)}' is not one of the preset's tasks (${tasks.join(', ')}).`);
  for (const task of tasks as Task[]) {
    const input = isPlainObject(config.input) ? config.input : {};
    const probe = { ...config, task, input: { ...input, targets: PLACEHOLDER_TARGETS[task] } };
    const result = validateVariant(probe, DEFAULT_VARIANT);
    if (!result.ok) throw fail(formatFieldErrors(result.errors.map((e) => ({ ...e, path: `config.${e.path}` }))) + `\n(checked for the ${task} task)`);
  }
  return {
    name: (raw.name as string).trim(),
    title: (raw.title as string).trim(),
    description: (raw.description as string).trim(),
    tasks: tasks as Task[],
    config: config as PartialVariant,
  };
}

/** Finds a preset by name; the error lists the presets there are. */
export function findPreset(presets: PresetInfo[], name: string): PresetInfo {
  const p = presets.find((x) => x.name === name);
  if (!p) throw new UserError(`There is no preset '${name}'. Presets: ${presets.map((x) => x.name).join(', ')}.`);
  return p;
}
