/** The operations commands (`drift`; batch scoring and reports follow): their options and requests. No I/O here. */
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import { DATA_NOTE, MODEL_AND_DATA } from './analysis-args';
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
} satisfies Record<string, CommandSpec>;

/** An operations command's name. */
export type OpsCommand = keyof typeof OPS_COMMANDS;

/** What an operations command asks for. */
export interface OpsCliRequest {
  kind: OpsCommand;
  global: GlobalOptions;
  model: string;
  data: { file: string; options: import('../../shared/dataset').ImportOptions } | { datasetId: number };
}

/** Builds the request of an operations command from its parsed options and data source. */
export function opsRequest(kind: OpsCommand, parsed: ParsedArgs, global: GlobalOptions, data: OpsCliRequest['data']): OpsCliRequest {
  const model = parsed.values.model;
  if (typeof model !== 'string' || !model.trim()) throw new ArgError(`${PROGRAM} ${kind} needs --model NAME, NAME@VERSION or NAME:ALIAS: see \`${PROGRAM} models list\`.`);
  return { kind, global, model: model.trim(), data };
}
