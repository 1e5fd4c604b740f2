/** The operations commands (`drift`, `score`): their options and requests. No I/O here. */
import type { ImportOptions } from '../../shared/dataset';
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import { DATA_NOTE, MODEL_AND_DATA, SCORING_STRIDE } from './analysis-args';
import type { CommandSpec, GlobalOptions } from './commands';
import { PROGRAM } from './program';

/** The specs of the operations commands, merged into the CLI's command table. */
export const OPS_COMMANDS = {
  drift: {
    summary: 'Check new data for drift against a model version\'s training data',
    args: '',
    options: { ...MODEL_AND_DATA } satisfies OptionSpecs,
    notes: [
      'Per feature: a Kolmogorov-Smirnov test (p < 0.05) for up to 1,000 values, else the Wasserstein distance over the training standard deviation (>= 0.1).',
      'The dataset drifts when the model\'s share of features drift (default half; set it with `models policy NAME --drift-share`).',
      'Also compares the predictions with the training targets and, when the data has the targets, the error with the validation error (degraded at 1.5x).',
      'Exit code 0 whether or not the data drifted; --json prints {"drifted", "share", "features": [{"name", "test", "statistic", "threshold", "drifted"}, ...], ...}.',
      DATA_NOTE,
      `Example: ${PROGRAM} drift --model pumps-forecast:production --data new-week.csv --json`,
    ],
  },
  score: {
    summary: 'Batch-score a file or dataset with a model version; bad rows and entities are reported and skipped',
    args: '',
    options: {
      ...MODEL_AND_DATA,
      out: { type: 'string', valueName: 'FILE.csv', description: 'Also write the scored rows to this CSV file' },
      ...SCORING_STRIDE,
    } satisfies OptionSpecs,
    notes: [
      'A file is imported leniently: a row that cannot be read (text in a numeric column, a ragged row, a repeated time) is skipped and listed.',
      'An entity with no window (too short for the model, or an input with no value) is skipped with its reason.',
      'The rows are stored in the home\'s scores folder and the run is recorded with the version; progress on stderr, Ctrl-C cancels.',
      'Columns: entity, time, yhat_1..yhat_H (class and p_CLASS for classifiers), reliability.',
      `Example: ${PROGRAM} score --model pumps-forecast:production --data new-week.csv --out scores.csv`,
    ],
  },
} satisfies Record<string, CommandSpec>;

/** An operations command's name. */
export type OpsCommand = keyof typeof OPS_COMMANDS;

/** What an operations command asks for. */
export interface OpsCliRequest {
  kind: OpsCommand;
  global: GlobalOptions;
  model: string;
  data: { file: string; options: ImportOptions } | { datasetId: number };
  out?: string;
  stride?: number;
}

/** Builds the request of an operations command from its parsed options and data source. */
export function opsRequest(kind: OpsCommand, parsed: ParsedArgs, global: GlobalOptions, data: OpsCliRequest['data']): OpsCliRequest {
  const model = parsed.values.model;
  if (typeof model !== 'string' || !model.trim()) throw new ArgError(`${PROGRAM} ${kind} needs --model NAME, NAME@VERSION or NAME:ALIAS: see \`${PROGRAM} models list\`.`);
  const stride = typeof parsed.values.stride === 'string' ? parsed.values.stride : undefined;
  if (stride !== undefined && !(/^\d+$/.test(stride.trim()) && Number(stride) >= 1)) throw new ArgError(`--stride must be a whole number of at least 1; got "${stride}".`);
  const out = typeof parsed.values.out === 'string' ? parsed.values.out : undefined;
  // Scoring reads new data leniently: bad rows are skipped and listed rather than refusing the file.
  const lenient = kind === 'score' && 'file' in data ? { ...data, options: { ...data.options, skipBadRows: true } } : data;
  return { kind, global, model: model.trim(), data: lenient, out, stride: stride === undefined ? undefined : Number(stride) };
}
