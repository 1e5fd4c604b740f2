/** `lstm-studio models ACTION ...`: the registry's actions, their options and their parsing. */
import { parseThresholds } from '../../shared/registry/thresholds';
import { TASKS, type Task } from '../../shared/model/variant';
import type { ModelPolicy } from '../../shared/registry/types';
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import type { CommandSpec, GlobalOptions } from './commands';
import { PROGRAM } from './program';

/** The actions of `models`, with the positional arguments each takes. */
const ACTIONS = {
  list: [],
  show: ['REF'],
  history: ['NAME'],
  gates: ['REF'],
  deploy: ['REF'],
  rollback: ['NAME'],
  compare: ['REF', 'REF'],
  export: ['REF'],
  import: ['FILE'],
  delete: ['REF'],
  policy: ['NAME'],
} as const satisfies Record<string, readonly string[]>;

type Action = keyof typeof ACTIONS;

const OPTIONS = {
  alias: { type: 'string', valueName: 'ALIAS', description: 'deploy, rollback, history: the alias to move (default: production)' },
  'no-evaluate': { type: 'flag', description: 'gates, deploy: read the metrics stored at training instead of scoring both versions on the test split' },
  force: { type: 'flag', description: 'deploy: override failed gates (needs --reason; the override is recorded)' },
  reason: { type: 'string', valueName: 'TEXT', description: 'deploy, rollback: why (recorded with the move)' },
  data: { type: 'string', valueName: 'ID|FILE', description: 'deploy: a dataset id to check the columns against; import of a Keras model: its data' },
  out: { type: 'string', valueName: 'FILE', description: 'export: the file to write (one file: model, weights, metadata, lineage)' },
  name: { type: 'string', valueName: 'NAME', description: 'import: register under this name (default: the name in the file)' },
  task: { type: 'string', valueName: 'TASK', description: 'import of a Keras model: forecast, regress, rul or classify' },
  features: { type: 'string', valueName: 'a,b,...', description: 'import of a Keras model: the dataset columns of its inputs, in order' },
  target: { type: 'string', valueName: 'COL[,COL]', description: 'import of a Keras model: the column(s) it predicts (classify: the label column)' },
  classes: { type: 'string', valueName: 'a,b,...', description: 'import of a Keras classifier: the class of each output' },
  window: { type: 'string', valueName: 'N', description: 'import of a Keras model that takes any length: the steps per window' },
  scaling: { type: 'string', valueName: 'none|zscore|minmax', description: 'import of a Keras model: how it expects values scaled (default none)' },
  yes: { type: 'flag', description: 'delete: confirm deleting the version and its files' },
  require: { type: 'string', valueName: 'M<=V,...', description: 'policy: metric thresholds a deploy must meet, e.g. mae<=2.5 ("none" clears)' },
  'max-age': { type: 'string', valueName: 'DAYS|none', description: 'policy: the oldest model a deploy accepts' },
  'max-data-age': { type: 'string', valueName: 'DAYS|none', description: 'policy: the oldest training data (its end) a deploy accepts' },
  'drift-share': { type: 'string', valueName: '0..1', description: 'policy: share of drifted features that raises the drift alert (default 0.5)' },
  'baseline-gate': { type: 'string', valueName: 'best|naive', description: 'policy: the baseline a deploy must beat: the best measured (default) or the naive one (last value; mean RUL; majority class)' },
} satisfies OptionSpecs;

/** Which options each action takes. */
const ACTION_OPTIONS: Record<Action, (keyof typeof OPTIONS)[]> = {
  list: [],
  show: [],
  history: ['alias'],
  gates: ['alias', 'data', 'no-evaluate'],
  deploy: ['alias', 'force', 'reason', 'data', 'no-evaluate'],
  rollback: ['alias', 'reason'],
  compare: [],
  export: ['out'],
  import: ['name', 'data', 'task', 'features', 'target', 'classes', 'window', 'scaling'],
  delete: ['yes'],
  policy: ['require', 'max-age', 'max-data-age', 'drift-share', 'baseline-gate'],
};

/** The `models` command's spec (help text and options). */
export const MODELS_COMMAND: CommandSpec = {
  summary: 'The model registry: list, show, deploy, roll back, compare, export, import and delete versions',
  args: `${Object.keys(ACTIONS).join('|')} [REF...]`,
  options: OPTIONS,
  notes: [
    'REF is NAME (the latest version), NAME@VERSION or NAME:ALIAS (e.g. pump:production).',
    'The gates score the version and the one in service on its held-out test split first (progress on stderr), unless --no-evaluate.',
    'Examples:',
    `  ${PROGRAM} models list`,
    `  ${PROGRAM} models show pump@3`,
    `  ${PROGRAM} models gates pump@4            # the gates, on the test split, without deploying`,
    `  ${PROGRAM} models deploy pump@3 --alias production`,
    `  ${PROGRAM} models deploy pump@4 --force --reason "hotfix, evaluated by hand"`,
    `  ${PROGRAM} models rollback pump`,
    `  ${PROGRAM} models compare pump@3 pump@4`,
    `  ${PROGRAM} models export pump@3 --out pump-v3.lsmodel`,
    `  ${PROGRAM} models import pump-v3.lsmodel`,
    `  ${PROGRAM} models import keras_out/model.json --name pump-keras --data 3 --task forecast --features temp,load --target temp`,
    `  ${PROGRAM} models delete pump@1 --yes`,
    `  ${PROGRAM} models policy pump --require "mae<=2.5" --max-age 90`,
  ],
};

/** What `models ...` asks for. */
export type ModelsCliRequest = { kind: 'models'; global: GlobalOptions } & (
  | { action: 'list' }
  | { action: 'show'; ref: string }
  | { action: 'history'; name: string; alias?: string }
  | { action: 'gates'; ref: string; alias?: string; data?: string; evaluate: boolean }
  | { action: 'deploy'; ref: string; alias?: string; force: boolean; reason?: string; /** A dataset id, or a file to import first. */ data?: string; evaluate: boolean }
  | { action: 'rollback'; name: string; alias?: string; reason?: string }
  | { action: 'compare'; a: string; b: string }
  | { action: 'export'; ref: string; out: string }
  | { action: 'import'; file: string; name?: string; keras?: KerasCliOptions }
  | { action: 'delete'; ref: string; yes: boolean }
  | { action: 'policy'; name: string; policy: Partial<ModelPolicy> }
);

/** Parses the arguments of `models` (after the options were read against MODELS_COMMAND). */
export function parseModelsRequest(parsed: ParsedArgs, global: GlobalOptions): ModelsCliRequest {
  const [word = 'list', ...rest] = parsed.positionals;
  if (!Object.hasOwn(ACTIONS, word)) {
    throw new ArgError(`Unknown action "${word}" for ${PROGRAM} models. Actions: ${Object.keys(ACTIONS).join(', ')}. Run \`${PROGRAM} models --help\`.`);
  }
  const action = word as Action;
  const wanted: readonly string[] = ACTIONS[action];
  if (rest.length !== wanted.length) {
    throw new ArgError(`${PROGRAM} models ${action} takes ${wanted.length === 0 ? 'no arguments' : wanted.join(' ')}; got ${rest.length === 0 ? 'none' : rest.map((r) => `"${r}"`).join(' ')}.`);
  }
  const stray = Object.keys(parsed.values).find((k) => k in OPTIONS && !(ACTION_OPTIONS[action] as string[]).includes(k));
  if (stray) throw new ArgError(`--${stray} does not apply to ${PROGRAM} models ${action}. Run \`${PROGRAM} models --help\` for which action takes it.`);
  const str = (k: string) => (typeof parsed.values[k] === 'string' ? (parsed.values[k] as string) : undefined);
  const base = { kind: 'models' as const, global };
  switch (action) {
    case 'list':
      return { ...base, action };
    case 'show':
      return { ...base, action, ref: rest[0] };
    case 'history':
      return { ...base, action, name: rest[0], alias: str('alias') };
    case 'gates':
      return { ...base, action, ref: rest[0], alias: str('alias'), data: str('data'), evaluate: parsed.values['no-evaluate'] !== true };
    case 'deploy': {
      const force = parsed.values.force === true;
      const reason = str('reason');
      if (force && !reason?.trim()) throw new ArgError('--force needs --reason "why": an override of the gates is recorded with its reason.');
      return { ...base, action, ref: rest[0], alias: str('alias'), force, reason, data: str('data'), evaluate: parsed.values['no-evaluate'] !== true };
    }
    case 'rollback':
      return { ...base, action, name: rest[0], alias: str('alias'), reason: str('reason') };
    case 'compare':
      return { ...base, action, a: rest[0], b: rest[1] };
    case 'export': {
      const out = str('out');
      if (!out) throw new ArgError(`${PROGRAM} models export needs --out FILE: where to write the model.`);
      return { ...base, action, ref: rest[0], out };
    }
    case 'import':
      return { ...base, action, file: rest[0], name: str('name')?.trim() || undefined, keras: kerasOptions(rest[0], str) };
    case 'delete':
      return { ...base, action, ref: rest[0], yes: parsed.values.yes === true };
    case 'policy':
      return { ...base, action, name: rest[0], policy: policyFlags(str) };
  }
}

/** Options of `models import` for a Keras model converted to TF.js (model.json or its folder). */
export interface KerasCliOptions {
  data: string;
  task: Task;
  features: string[];
  targets: string[];
  classes?: string[];
  window?: number;
  scaling?: 'none' | 'zscore' | 'minmax';
}

/** A FILE that is a model.json or a folder means a Keras model: its data, task and input columns are required. */
function kerasOptions(file: string, str: (k: string) => string | undefined): KerasCliOptions | undefined {
  const keras = /\.json$/i.test(file) || !/\.[A-Za-z0-9]+$/.test(file);
  const given = ['data', 'task', 'features', 'target', 'classes', 'window', 'scaling'].filter((k) => str(k) !== undefined);
  if (!keras) {
    if (given.length > 0) throw new ArgError(`--${given[0]} applies to importing a Keras model (a model.json or its folder), not an export file like ${file}.`);
    return undefined;
  }
  const need = (k: string, what: string) => {
    const v = str(k);
    if (v === undefined || !v.trim()) throw new ArgError(`Importing the Keras model ${file} needs --${k} ${what}.`);
    return v.trim();
  };
  const list = (v: string | undefined) => v?.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const task = need('task', `(${TASKS.join(', ')})`);
  if (!(TASKS as readonly string[]).includes(task)) throw new ArgError(`--task must be one of ${TASKS.join(', ')}; got "${task}".`);
  const window = str('window');
  if (window !== undefined && !/^\d+$/.test(window.trim())) throw new ArgError(`--window must be a whole number; got "${window}".`);
  const scaling = str('scaling');
  if (scaling !== undefined && !['none', 'zscore', 'minmax'].includes(scaling)) throw new ArgError(`--scaling must be none, zscore or minmax; got "${scaling}".`);
  return {
    data: need('data', 'ID|FILE: the dataset whose columns feed it'),
    task: task as Task,
    features: list(need('features', 'a,b,...: the dataset columns of its inputs, in order'))!,
    targets: list(str('target')) ?? [],
    classes: list(str('classes')),
    window: window === undefined ? undefined : Number(window),
    scaling: scaling as KerasCliOptions['scaling'],
  };
}

function policyFlags(str: (k: string) => string | undefined): Partial<ModelPolicy> {
  const policy: Partial<ModelPolicy> = {};
  const require = str('require');
  if (require !== undefined) policy.thresholds = require.trim() === 'none' ? [] : parseThresholds(require);
  const days = (k: string): number | null | undefined => {
    const v = str(k);
    if (v === undefined) return undefined;
    if (v.trim() === 'none') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new ArgError(`--${k} must be a positive number of days, or "none"; got "${v}".`);
    return n;
  };
  const age = days('max-age');
  if (age !== undefined) policy.maxModelAgeDays = age;
  const dataAge = days('max-data-age');
  if (dataAge !== undefined) policy.maxDataAgeDays = dataAge;
  const share = str('drift-share');
  if (share !== undefined) {
    const n = Number(share);
    if (!(n > 0 && n <= 1)) throw new ArgError(`--drift-share must be a share between 0 and 1 (0.5 = half the features); got "${share}".`);
    policy.driftShare = n;
  }
  const gate = str('baseline-gate');
  if (gate !== undefined) {
    if (gate !== 'best' && gate !== 'naive') throw new ArgError(`--baseline-gate must be "best" or "naive"; got "${gate}".`);
    policy.baselineGate = gate;
  }
  return policy;
}
