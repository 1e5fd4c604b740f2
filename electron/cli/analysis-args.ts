/**
 * The analysis commands (`evaluate`, `predict`, `forecast`, `explain`, `risk`): their options,
 * help, and the conversion of parsed options into a typed request. No I/O here.
 */
import type { ImportOptions } from '../../shared/dataset';
import type { AlarmLimit } from '../../shared/evaluation/analysis-types';
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import { DATA_IMPORT_OPTIONS } from './import-options';

const PROGRAM = 'lstm-studio';

/** `--model` and `--data`, with the import options that apply when --data is a file. */
export const MODEL_AND_DATA = {
  model: { type: 'string', valueName: 'NAME[@VERSION]', description: 'The model version (default version: the latest)' },
  data: { type: 'string', valueName: 'FILE|ID', description: 'A file (imported, or reused if already imported) or a dataset id (required)' },
  ...DATA_IMPORT_OPTIONS,
} satisfies OptionSpecs;

/** forecast's --entity picks an entity, so the file's entity column is --entity-column there. */
const { entity: _entityColumn, ...FORECAST_BASE } = MODEL_AND_DATA;
void _entityColumn;
const FORECAST_DATA = { ...FORECAST_BASE, 'entity-column': { type: 'string', valueName: 'COL', description: 'Asset/unit column of the file, or "none" (default: detected)' } } satisfies OptionSpecs;

/** --stride of the commands that score windows (predict, score). */
export const SCORING_STRIDE = {
  stride: { type: 'string', valueName: 'N', description: 'Score every N-th window, counted back from the latest (default 1)' },
} satisfies OptionSpecs;

const COVERAGE = { coverage: { type: 'string', valueName: 'P', description: 'Interval coverage from 0.5 to 0.99 (default 0.9)' } } satisfies OptionSpecs;

/** How --data FILE behaves, for help texts. */
export const DATA_NOTE = 'With --data FILE the file is imported once; later commands on the same unchanged file reuse that dataset.';

/** The analysis commands' specs, merged into the CLI's command table. */
export const ANALYSIS_COMMANDS = {
  evaluate: {
    summary: 'Validation report of a model on held-out data, beside naive baselines',
    args: '',
    options: {
      ...MODEL_AND_DATA,
      ...COVERAGE,
      stride: { type: 'string', valueName: 'N', description: 'Backtest: steps between forecast origins (default: the horizon)' },
      season: { type: 'string', valueName: 'N', description: 'Seasonal naive baseline: the season in steps (default: detected)' },
    },
    notes: [
      'On the model\'s training dataset the report uses its held-out test split; on other data, every labelled window.',
      DATA_NOTE,
      `Example: ${PROGRAM} evaluate --model pumps-forecast@2 --data 1 --json`,
    ],
  },
  predict: {
    summary: 'Score every window of a dataset, one row each (CSV with --out)',
    args: '',
    options: {
      ...MODEL_AND_DATA,
      out: { type: 'string', valueName: 'FILE.csv', description: 'Write the rows to a CSV file (default: print them)' },
      ...SCORING_STRIDE,
    },
    notes: ['Columns: entity, time (of the window\'s last input step), yhat_1..yhat_H (TARGET_yhat_h for several targets; class and p_CLASS for classifiers), reliability.', DATA_NOTE],
  },
  forecast: {
    summary: 'Forecast the next steps of one entity from its latest data, with intervals',
    args: '',
    options: {
      ...FORECAST_DATA,
      ...COVERAGE,
      entity: { type: 'string', valueName: 'ID', description: 'The entity (asset, unit) to forecast (default: the first)' },
      horizon: { type: 'string', valueName: 'N', description: 'Steps ahead, up to the model\'s horizon (default: all of it)' },
    },
    notes: ['Here --entity picks the entity to forecast; --entity-column names the entity column of a file being imported.', DATA_NOTE],
  },
  explain: {
    summary: 'Attention profile, gradient saliency and permutation feature importance of a model',
    args: '',
    options: {
      ...MODEL_AND_DATA,
      window: { type: 'string', valueName: 'N', description: 'Index of the window to explain (default: the last)' },
      repeats: { type: 'string', valueName: 'N', description: 'Permutation repeats per feature (default 5)' },
    },
    notes: [DATA_NOTE],
  },
  risk: {
    summary: 'Rank every entity by failure risk: the maintenance list',
    args: '',
    options: {
      ...MODEL_AND_DATA,
      ...COVERAGE,
      limit: { type: 'string', valueName: 'COL>VALUE', description: 'Alarm limit on a forecast column, e.g. "temp>95" (repeatable; forecast models)' },
      out: { type: 'string', valueName: 'FILE.csv', description: 'Also write the ranked list to a CSV file' },
    },
    notes: ['RUL models rank by predicted remaining life; forecast models by forecasts crossing the --limit values.', `Example: ${PROGRAM} risk --model pumps-forecast --data fleet.csv --limit 'temperature>80'`, DATA_NOTE],
  },
} satisfies Record<string, { summary: string; args: string; options: OptionSpecs; notes: string[] }>;

/** An analysis command's name. */
export type AnalysisCommand = keyof typeof ANALYSIS_COMMANDS;

/** What an analysis command asks for. */
export interface AnalysisCliRequest {
  kind: AnalysisCommand;
  global: { home?: string; json: boolean };
  model: string;
  data: { file: string; options: ImportOptions } | { datasetId: number };
  coverage?: number;
  stride?: number;
  season?: number;
  entityId?: string;
  horizon?: number;
  window?: number;
  repeats?: number;
  limits: AlarmLimit[];
  out?: string;
}

/** Builds an analysis request from parsed options (`limits` are the repeated --limit values). */
export function analysisRequest(kind: AnalysisCommand, parsed: ParsedArgs, global: AnalysisCliRequest['global'], data: AnalysisCliRequest['data'], limits: readonly string[] = []): AnalysisCliRequest {
  const model = text(parsed, 'model');
  if (!model) throw new ArgError(`${PROGRAM} ${kind} needs --model NAME[@VERSION]: see \`${PROGRAM} models list\`.`);
  const coverage = text(parsed, 'coverage');
  const c = coverage === undefined ? undefined : Number(coverage);
  if (c !== undefined && !(c >= 0.5 && c <= 0.99)) throw new ArgError(`--coverage must be a number from 0.5 to 0.99 (e.g. 0.9 for 90% intervals); got "${coverage}".`);
  return {
    kind,
    global,
    model,
    data,
    coverage: c,
    stride: whole(parsed, 'stride', 1),
    season: whole(parsed, 'season', 2),
    entityId: kind === 'forecast' ? text(parsed, 'entity') : undefined,
    horizon: whole(parsed, 'horizon', 1),
    window: whole(parsed, 'window', 0),
    repeats: whole(parsed, 'repeats', 1),
    limits: limits.map(parseLimit),
    out: text(parsed, 'out'),
  };
}

/** forecast's options as the import options read them: --entity-column is the file's entity column. */
export function forecastImportView(parsed: ParsedArgs): ParsedArgs {
  const { entity: _picked, 'entity-column': column, ...rest } = parsed.values;
  void _picked;
  return { ...parsed, values: column === undefined ? rest : { ...rest, entity: column } };
}

/** Parses "COL>VALUE" or "COL<VALUE" (spaces allowed). */
export function parseLimit(value: string): AlarmLimit {
  const m = /^\s*(.+?)\s*([<>])\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/.exec(value);
  if (!m) throw new ArgError(`--limit "${value}" is not a limit: write COLUMN>VALUE or COLUMN<VALUE, such as --limit 'temperature>95'.`);
  return { column: m[1], op: m[2] as '>' | '<', value: Number(m[3]) };
}

function text(parsed: ParsedArgs, key: string): string | undefined {
  const v = parsed.values[key];
  return typeof v === 'string' ? v : undefined;
}

function whole(parsed: ParsedArgs, key: string, min: number): number | undefined {
  const v = text(parsed, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim()) || Number(v) < min) throw new ArgError(`--${key} must be a whole number of at least ${min}; got "${v}".`);
  return Number(v.trim());
}
