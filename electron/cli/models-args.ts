/** `lstm-studio models ACTION ...`: the registry's actions, their options and their parsing. */
import { parseThresholds } from '../../shared/registry/thresholds';
import type { ModelPolicy } from '../../shared/registry/types';
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import type { CommandSpec, GlobalOptions } from './commands';
import { PROGRAM } from './program';

/** The actions of `models`, with the positional arguments each takes. */
const ACTIONS = {
  list: [],
  show: ['REF'],
  history: ['NAME'],
  deploy: ['REF'],
  rollback: ['NAME'],
  compare: ['REF', 'REF'],
  delete: ['REF'],
  policy: ['NAME'],
} as const satisfies Record<string, readonly string[]>;

type Action = keyof typeof ACTIONS;

const OPTIONS = {
  alias: { type: 'string', valueName: 'ALIAS', description: 'deploy, rollback, history: the alias to move (default: production)' },
  force: { type: 'flag', description: 'deploy: override failed gates (needs --reason; the override is recorded)' },
  reason: { type: 'string', valueName: 'TEXT', description: 'deploy, rollback: why (recorded with the move)' },
  data: { type: 'string', valueName: 'ID', description: 'deploy: a dataset id to check the model\'s columns against' },
  yes: { type: 'flag', description: 'delete: confirm deleting the version and its files' },
  require: { type: 'string', valueName: 'M<=V,...', description: 'policy: metric thresholds a deploy must meet, e.g. mae<=2.5 ("none" clears)' },
  'max-age': { type: 'string', valueName: 'DAYS|none', description: 'policy: the oldest model a deploy accepts' },
  'max-data-age': { type: 'string', valueName: 'DAYS|none', description: 'policy: the oldest training data (its end) a deploy accepts' },
  'drift-share': { type: 'string', valueName: '0..1', description: 'policy: share of drifted features that raises the drift alert (default 0.5)' },
} satisfies OptionSpecs;

/** Which options each action takes. */
const ACTION_OPTIONS: Record<Action, (keyof typeof OPTIONS)[]> = {
  list: [],
  show: [],
  history: ['alias'],
  deploy: ['alias', 'force', 'reason', 'data'],
  rollback: ['alias', 'reason'],
  compare: [],
  delete: ['yes'],
  policy: ['require', 'max-age', 'max-data-age', 'drift-share'],
};

/** The `models` command's spec (help text and options). */
export const MODELS_COMMAND: CommandSpec = {
  summary: 'The model registry: list, show, deploy, roll back, compare and delete versions',
  args: `${Object.keys(ACTIONS).join('|')} [REF...]`,
  options: OPTIONS,
  notes: [
    'REF is NAME (the latest version), NAME@VERSION or NAME:ALIAS (e.g. pump:production).',
    'Examples:',
    `  ${PROGRAM} models list`,
    `  ${PROGRAM} models show pump@3`,
    `  ${PROGRAM} models deploy pump@3 --alias production`,
    `  ${PROGRAM} models deploy pump@4 --force --reason "hotfix, evaluated by hand"`,
    `  ${PROGRAM} models rollback pump`,
    `  ${PROGRAM} models compare pump@3 pump@4`,
    `  ${PROGRAM} models delete pump@1 --yes`,
    `  ${PROGRAM} models policy pump --require "mae<=2.5" --max-age 90`,
  ],
};

/** What `models ...` asks for. */
export type ModelsCliRequest = { kind: 'models'; global: GlobalOptions } & (
  | { action: 'list' }
  | { action: 'show'; ref: string }
  | { action: 'history'; name: string; alias?: string }
  | { action: 'deploy'; ref: string; alias?: string; force: boolean; reason?: string; datasetId?: number }
  | { action: 'rollback'; name: string; alias?: string; reason?: string }
  | { action: 'compare'; a: string; b: string }
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
    case 'deploy': {
      const force = parsed.values.force === true;
      const reason = str('reason');
      if (force && !reason?.trim()) throw new ArgError('--force needs --reason "why": an override of the gates is recorded with its reason.');
      const data = str('data');
      if (data !== undefined && !/^\d+$/.test(data.trim())) throw new ArgError(`--data takes a dataset id (see \`${PROGRAM} datasets\`); got "${data}".`);
      return { ...base, action, ref: rest[0], alias: str('alias'), force, reason, datasetId: data === undefined ? undefined : Number(data) };
    }
    case 'rollback':
      return { ...base, action, name: rest[0], alias: str('alias'), reason: str('reason') };
    case 'compare':
      return { ...base, action, a: rest[0], b: rest[1] };
    case 'delete':
      return { ...base, action, ref: rest[0], yes: parsed.values.yes === true };
    case 'policy':
      return { ...base, action, name: rest[0], policy: policyFlags(str) };
  }
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
  return policy;
}
