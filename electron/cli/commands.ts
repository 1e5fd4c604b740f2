/**
 * The CLI's commands, their options (which also make the help texts) and the conversion of argv
 * into a typed request. No I/O here, so all of it is unit-tested.
 */
import { clip } from '../../shared/errors';
import type { DatasetFormat, Delimiter, ImportOptions } from '../../shared/dataset';
import { TASKS, type PartialVariant } from '../../shared/model/variant';
import { BENCH_PARTS, type BenchPart } from '../bench/workload';
import { ArgError, findCommandIndex, parseOptions, type OptionSpecs, type ParsedArgs } from './args';
import { ANALYSIS_COMMANDS, analysisRequest, forecastImportView, type AnalysisCliRequest } from './analysis-args';
import { DATA_IMPORT_OPTIONS, IMPORT_OPTIONS } from './import-options';

import { MODELS_COMMAND, parseModelsRequest, type ModelsCliRequest } from './models-args';
import { OPS_COMMANDS, opsRequest, type OpsCliRequest } from './ops-args';
import { PROGRAM } from './program';
import { REPORT_COMMAND, reportRequest, type ReportCliRequest } from './report-args';

export { PROGRAM };

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  home: {
    type: 'string',
    valueName: 'DIR',
    description: 'Folder of the project database (default: $LSTM_STUDIO_HOME, else the user-data folder)',
  },
  json: { type: 'flag', description: 'Print machine-readable JSON on stdout' },
  debug: { type: 'flag', description: 'On an unexpected error, print where it happened (also LSTM_STUDIO_DEBUG=1)' },
  help: { type: 'flag', short: 'h', description: 'Show this help' },
};

/** What a command does and accepts; the help text is made from it. */
export interface CommandSpec {
  summary: string;
  /** Arguments after the command word, for the usage line (`FILE`). */
  args: string;
  options: OptionSpecs;
  /** Extra help paragraphs (examples). */
  notes: string[];
}

const DELIMITERS: Record<string, Delimiter> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '|': '|', whitespace: 'whitespace' };

/** Options of `train`: the data, the task and the model; flags override the preset and --config, --set overrides all. */
const TRAIN_OPTIONS = {
  data: { type: 'string', valueName: 'FILE|ID', description: 'A file to import first, or the id of an imported dataset (required; ./3 for a file named 3)' },
  task: { type: 'string', valueName: 'TASK', description: 'What to learn: forecast, regress, rul or classify (required)' },
  target: { type: 'string', valueName: 'COL[,COL]', description: 'Target column(s) (forecast, regress; classify: the label column)' },
  features: { type: 'string', valueName: 'a,b|all', description: 'Input columns (default: all numeric columns)' },
  window: { type: 'string', valueName: 'N', description: 'Past steps the model sees' },
  horizon: { type: 'string', valueName: 'N', description: 'Steps ahead to forecast' },
  preset: { type: 'string', valueName: 'NAME', description: `A built-in preset (see \`${PROGRAM} presets\`)` },
  config: { type: 'string', valueName: 'FILE', description: 'A YAML or JSON config file (merged over the preset)' },
  set: { type: 'string', valueName: 'key=value', description: 'Set any config field, e.g. recurrent.units=[128,64] (repeatable)' },
  epochs: { type: 'string', valueName: 'N', description: 'Maximum epochs (early stopping may end sooner)' },
  split: { type: 'string', valueName: 'a,b,c', description: 'Train, validation and test fractions, e.g. 0.7,0.15,0.15' },
  'rul-cap': { type: 'string', valueName: 'N|none', description: 'Cap on the remaining-useful-life target (rul)' },
  seed: { type: 'string', valueName: 'N', description: 'Random seed (same seed, same data: same model)' },
  name: { type: 'string', valueName: 'NAME', description: 'Model name in the registry (default: dataset name + task)' },
  ...DATA_IMPORT_OPTIONS,
} satisfies OptionSpecs;

/** Every command, by name. */
export const COMMANDS = {
  import: {
    summary: 'Import a CSV/TSV/JSON file of sensor data into the project database',
    args: 'FILE',
    options: IMPORT_OPTIONS,
    notes: [
      'Progress is shown on stderr; Ctrl-C cancels the import and stores nothing.',
      'Examples:',
      `  ${PROGRAM} import machine_temperature.csv`,
      `  ${PROGRAM} import ItalyPowerDemand_TRAIN.tsv --no-header --format wide --label c1`,
    ],
  },
  datasets: {
    summary: 'List the datasets in the project database',
    args: '',
    options: {},
    notes: [],
  },
  serve: {
    summary: 'Run LSTM Studio in the browser (browser mode, on 127.0.0.1 only)',
    args: '',
    options: {
      port: { type: 'string', valueName: 'N', description: 'Port to listen on (default: 0, any free port)' },
      'no-open': { type: 'flag', description: 'Do not open the system browser' },
    },
    notes: ['The printed link carries an access token: only someone with the link can use the server.', 'Ctrl-C stops the server.'],
  },
  demo: {
    summary: 'Write the demo pump-fleet CSV (the data seeded on first launch)',
    args: '',
    options: {
      out: { type: 'string', valueName: 'FILE', description: 'Where to write the CSV (required)' },
    },
    notes: [`Example: ${PROGRAM} demo --out fleet.csv && ${PROGRAM} import fleet.csv`],
  },
  train: {
    summary: 'Train an LSTM model on a file or an imported dataset and save it in the model registry',
    args: '',
    options: TRAIN_OPTIONS,
    notes: [
      'The config is built as: defaults <- --preset <- --config FILE <- flags <- --set (later wins).',
      'Progress (epoch, batch, loss, validation loss, samples/s, ETA) is shown on stderr.',
      'Ctrl-C stops training within a batch and saves the best model so far (exit code 1); a second Ctrl-C quits at once.',
      'Examples:',
      `  ${PROGRAM} train --data machine_temperature.csv --task forecast --target value --epochs 10`,
      `  ${PROGRAM} train --data 3 --task forecast --target value --preset lightweight --set recurrent.units=[64]`,
      `  ${PROGRAM} train --data ItalyPowerDemand_TRAIN.tsv --no-header --format wide --label c1 --task classify --preset classifier`,
    ],
  },
  models: MODELS_COMMAND,
  presets: {
    summary: 'List the built-in model presets',
    args: '',
    options: {},
    notes: [`Use one with ${PROGRAM} train --preset NAME.`],
  },
  ...ANALYSIS_COMMANDS,
  ...OPS_COMMANDS,
  ...REPORT_COMMAND,
  bench: {
    summary: 'Benchmark training, inference and CSV import against PyTorch and pandas on this machine',
    args: '',
    options: {
      quick: { type: 'flag', description: 'A tiny workload that only checks the benchmark runs (figures mean nothing)' },
      repeat: { type: 'string', valueName: 'N', description: 'Run every part N times and report medians (default 1)' },
      parts: { type: 'string', valueName: 'model,layers,csv', description: 'Which parts to run: the recurrent model, the CNN-LSTM and LSTM-FCN layers, the CSV import (default: all)' },
      'no-reference': { type: 'flag', description: 'Measure our engine only (no PyTorch/pandas)' },
    },
    notes: [
      'Workload: 2 x LSTM(64) -> Dense(1), 60 steps x 8 features, batch 32, Adam, MSE, 4,096 samples; latency of one',
      'sequence (median of 50); inference on 1,024 sequences; import of a generated 100 MB sensor CSV.',
      'The reference is scripts/bench/reference.py under Debian\'s python3-torch and python3-pandas (skipped, with a note, when absent).',
      'Ratios are ours / reference. Close other work first: the figures are only as quiet as the machine.',
      `Example: ${PROGRAM} bench --repeat 3 --json`,
    ],
  },
} satisfies Record<string, CommandSpec>;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** Global options after parsing. */
export interface GlobalOptions {
  home?: string;
  json: boolean;
}

/** What the command line asks for. */
export type CliRequest =
  | { kind: 'help'; command?: CommandName; /** true when no command was given: help goes to stderr, exit 1. */ usageError: boolean }
  | { kind: 'version' }
  | { kind: 'import'; global: GlobalOptions; file: string; options: ImportOptions }
  | { kind: 'datasets'; global: GlobalOptions }
  | { kind: 'serve'; global: GlobalOptions; port: number; open: boolean }
  | { kind: 'demo'; global: GlobalOptions; out: string }
  | TrainCliRequest
  | ModelsCliRequest
  | { kind: 'presets'; global: GlobalOptions }
  | { kind: 'bench'; global: GlobalOptions; quick: boolean; repeat: number; parts: BenchPart[]; reference: boolean }
  | AnalysisCliRequest
  | OpsCliRequest
  | ReportCliRequest;

/** `train`: where the data comes from, and the config layers in the order they are merged. */
export interface TrainCliRequest {
  kind: 'train';
  global: GlobalOptions;
  data: { file: string; options: ImportOptions } | { datasetId: number };
  preset?: string;
  configFile?: string;
  /** The config written by the flags (--task, --target, --window, ...). */
  flags: PartialVariant;
  /** `--set key=value` overrides, in order. */
  sets: string[];
  name?: string;
}

/** Parses the arguments after the program name into a request; throws ArgError on mistakes. */
export function parseCli(argv: readonly string[]): CliRequest {
  const valued = new Set(Object.keys(GLOBAL_OPTIONS).filter((k) => GLOBAL_OPTIONS[k].type === 'string').map((k) => `--${k}`));
  const at = findCommandIndex(argv, valued);
  if (at < 0) {
    const top = { ...GLOBAL_OPTIONS, version: { type: 'flag', description: 'Print the version' } } satisfies OptionSpecs;
    const { values, positionals } = parseOptions(argv, top, `${PROGRAM} --help`);
    if (positionals.length > 0) throw unknownCommand(positionals[0]);
    if (values.version) return { kind: 'version' };
    return { kind: 'help', usageError: !values.help };
  }
  const name = argv[at];
  if (!isCommandName(name)) throw unknownCommand(name);
  const all = [...argv.slice(0, at), ...argv.slice(at + 1)];
  // --set may be given many times; the parser keeps one value per option, so take them out first.
  const repeated = name === 'train' ? 'set' : name === 'risk' || name === 'report' ? 'limit' : null;
  const { taken: sets, rest } = repeated ? takeRepeated(all, repeated, name) : { taken: [], rest: all };
  const parsed = parseOptions(rest, { ...GLOBAL_OPTIONS, ...COMMANDS[name].options }, `${PROGRAM} ${name} --help`);
  if (parsed.values.help) return { kind: 'help', command: name, usageError: false };
  const global: GlobalOptions = { home: str(parsed, 'home'), json: parsed.values.json === true };
  switch (name) {
    case 'import':
      return { kind: 'import', global, file: onePositional(parsed, name, 'FILE'), options: importOptions(parsed) };
    case 'datasets':
      onePositional(parsed, name, null);
      return { kind: 'datasets', global };
    case 'serve':
      onePositional(parsed, name, null);
      return { kind: 'serve', global, port: port(str(parsed, 'port')), open: parsed.values['no-open'] !== true };
    case 'demo': {
      onePositional(parsed, name, null);
      const out = str(parsed, 'out');
      if (!out) throw new ArgError(`${PROGRAM} demo needs --out FILE: where to write the CSV.`);
      return { kind: 'demo', global, out };
    }
    case 'train':
      onePositional(parsed, name, null);
      return trainRequest(parsed, global, sets);
    case 'models':
      return parseModelsRequest(parsed, global);
    case 'presets':
      onePositional(parsed, name, null);
      return { kind: 'presets', global };
    case 'evaluate':
    case 'predict':
    case 'forecast':
    case 'explain':
    case 'risk':
      onePositional(parsed, name, null);
      return analysisRequest(name, parsed, global, dataSource(name === 'forecast' ? forecastImportView(parsed) : parsed, name), sets);
    case 'drift':
    case 'score':
      onePositional(parsed, name, null);
      return opsRequest(name, parsed, global, dataSource(parsed, name));
    case 'report':
      onePositional(parsed, name, null);
      return reportRequest(parsed, global, parsed.values.check !== undefined && parsed.values.data === undefined ? null : dataSource(parsed, name), sets);
    case 'bench':
      onePositional(parsed, name, null);
      return benchRequest(parsed, global);
  }
}

/** `--data FILE|ID` of a command with its import options: a file to import (or reuse), or a dataset id. */
export function dataSource(parsed: ParsedArgs, command: string): { file: string; options: ImportOptions } | { datasetId: number } {
  const data = str(parsed, 'data');
  if (data === undefined) throw new ArgError(`${PROGRAM} ${command} needs --data FILE or --data DATASET_ID: the data to use.`);
  const options = importOptions({ ...parsed, values: Object.fromEntries(Object.entries(parsed.values).filter(([k]) => k !== 'name')) });
  // A number is a dataset id (write ./3 for a file named 3).
  const isId = /^\d+$/.test(data.trim());
  if (isId && Object.keys(options).length > 0) {
    throw new ArgError(`--${Object.keys(parsed.values).find((k) => k in IMPORT_OPTIONS && k !== 'name')} is an import option: it only applies when --data is a file, not dataset ${data.trim()}.`);
  }
  return isId ? { datasetId: Number(data.trim()) } : { file: data, options };
}

/** Maps the bench flags to a request. */
function benchRequest(parsed: ParsedArgs, global: GlobalOptions): Extract<CliRequest, { kind: 'bench' }> {
  const repeat = wholeNumber(parsed, 'repeat') ?? 1;
  if (repeat < 1 || repeat > 20) throw new ArgError(`--repeat must be from 1 to 20; got ${repeat}.`);
  const partsText = str(parsed, 'parts') ?? BENCH_PARTS.join(',');
  const parts = partsText.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !(BENCH_PARTS as string[]).includes(p));
  if (bad !== undefined || parts.length === 0) throw new ArgError(`--parts must list ${BENCH_PARTS.join(', ')} (one or more), such as --parts model; got "${partsText}".`);
  return { kind: 'bench', global, quick: parsed.values.quick === true, repeat, parts: [...new Set(parts)] as BenchPart[], reference: parsed.values['no-reference'] !== true };
}

/** Takes every `--key VALUE` / `--key=VALUE` out of `tokens` (up to a `--`), in order. */
function takeRepeated(tokens: readonly string[], key: string, command: string): { taken: string[]; rest: string[] } {
  const taken: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') {
      rest.push(...tokens.slice(i));
      break;
    }
    if (t.startsWith(`--${key}=`)) {
      taken.push(t.slice(key.length + 3));
    } else if (t === `--${key}`) {
      const v = tokens[i + 1];
      if (v === undefined || /^--?[A-Za-z]/.test(v)) throw new ArgError(`Option --${key} needs a value. Run \`${PROGRAM} ${command} --help\` for its use.`);
      taken.push(v);
      i++;
    } else {
      rest.push(t);
    }
  }
  return { taken, rest };
}

/** Maps the train flags to the data source and the flags' config layer. */
function trainRequest(parsed: ParsedArgs, global: GlobalOptions, sets: string[]): TrainCliRequest {
  if (str(parsed, 'data') === undefined) throw new ArgError(`${PROGRAM} train needs --data FILE or --data DATASET_ID: the data to train on.`);
  const task = str(parsed, 'task');
  if (task === undefined) throw new ArgError(`${PROGRAM} train needs --task: one of ${TASKS.join(', ')}.`);
  const input: Record<string, unknown> = {};
  const training: Record<string, unknown> = {};
  const flags: Record<string, unknown> = { task: oneOf(Object.fromEntries(TASKS.map((t) => [t, t])), task, '--task', TASKS.join(', ')) };
  const target = str(parsed, 'target');
  if (target !== undefined) input.targets = columnList(target, '--target');
  const features = str(parsed, 'features');
  if (features !== undefined) input.features = features.trim() === 'all' ? 'all' : columnList(features, '--features');
  const window = wholeNumber(parsed, 'window');
  if (window !== undefined) input.window = window;
  const horizon = wholeNumber(parsed, 'horizon');
  if (horizon !== undefined) input.horizon = horizon;
  const epochs = wholeNumber(parsed, 'epochs');
  if (epochs !== undefined) training.epochs = epochs;
  const seed = wholeNumber(parsed, 'seed');
  if (seed !== undefined) training.seed = seed;
  const split = str(parsed, 'split');
  if (split !== undefined) training.split = splitFractions(split);
  if (Object.keys(input).length > 0) flags.input = input;
  if (Object.keys(training).length > 0) flags.training = training;
  const cap = str(parsed, 'rul-cap');
  if (cap !== undefined) flags.rul = { cap: cap === 'none' ? null : wholeNumber(parsed, 'rul-cap') };

  const name = str(parsed, 'name');
  if (name !== undefined && !name.trim()) throw new ArgError('--name cannot be empty.');
  return {
    kind: 'train',
    global,
    data: dataSource(parsed, 'train'),
    preset: str(parsed, 'preset'),
    configFile: str(parsed, 'config'),
    flags: flags as PartialVariant,
    sets,
    name: name?.trim(),
  };
}

function columnList(value: string, flag: string): string[] {
  const names = value.split(',').map((c) => c.trim());
  if (names.some((c) => c === '')) throw new ArgError(`${flag} "${value}" has an empty name: give column names separated by commas, such as ${flag} temp,pressure.`);
  return names;
}

function wholeNumber(parsed: ParsedArgs, key: string): number | undefined {
  const v = str(parsed, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new ArgError(`--${key} must be a whole number; got "${v}".`);
  return Number(v.trim());
}

function splitFractions(value: string): { train: number; validation: number; test: number } {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p, i) => !Number.isFinite(p) || value.split(',')[i].trim() === '')) {
    throw new ArgError(`--split must be three fractions for train, validation and test, such as 0.7,0.15,0.15; got "${value}".`);
  }
  return { train: parts[0], validation: parts[1], test: parts[2] };
}

/** Maps the import flags to ImportOptions; anything not given stays undefined (detected from the file). */
function importOptions(parsed: ParsedArgs): ImportOptions {
  const options: ImportOptions = {};
  const name = str(parsed, 'name');
  if (name !== undefined) {
    if (!name.trim()) throw new ArgError('--name cannot be empty.');
    options.name = name.trim();
  }
  const time = columnOrNone(parsed, 'time');
  if (time !== undefined) options.timeColumn = time;
  const entity = columnOrNone(parsed, 'entity');
  if (entity !== undefined) options.entityColumn = entity;
  const label = columnOrNone(parsed, 'label');
  if (label !== undefined) options.labelColumn = label;
  if (parsed.values['no-header']) options.header = false;
  const delimiter = str(parsed, 'delimiter');
  if (delimiter !== undefined) options.delimiter = oneOf(DELIMITERS, delimiter, '--delimiter', ', ; tab | whitespace');
  const decimal = str(parsed, 'decimal');
  if (decimal !== undefined) options.decimal = oneOf({ '.': '.', ',': ',' } as const, decimal, '--decimal', '. or ,');
  const format = str(parsed, 'format');
  if (format !== undefined) options.format = oneOf<DatasetFormat>({ long: 'long', wide: 'wide' }, format, '--format', 'long or wide');
  const columns = str(parsed, 'columns');
  if (columns !== undefined) {
    const names = columns.split(',').map((c) => c.trim());
    if (names.some((c) => c === '')) throw new ArgError(`--columns "${columns}" has an empty name: give names separated by commas, such as --columns time,temp,pressure.`);
    options.columns = names;
  }
  return options;
}

function columnOrNone(parsed: ParsedArgs, key: string): string | null | undefined {
  const v = str(parsed, key);
  if (v === undefined) return undefined;
  if (!v.trim()) throw new ArgError(`--${key} needs a column name, or "none".`);
  return v === 'none' ? null : v;
}

function oneOf<T>(table: Record<string, T>, value: string, flag: string, allowed: string): T {
  if (Object.hasOwn(table, value)) return table[value];
  throw new ArgError(`${flag} must be one of ${allowed}; got "${value}".`);
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new ArgError(`--port must be a whole number from 0 to 65535 (0 = any free port); got "${value}".`);
  return n;
}

/** Checks the positional arguments: exactly one named `expected`, or none when `expected` is null. */
function onePositional(parsed: ParsedArgs, command: CommandName, expected: string | null): string {
  const [first, second] = parsed.positionals;
  const extra = expected === null ? first : second;
  if (extra !== undefined) throw new ArgError(`Unexpected argument "${extra}" for ${PROGRAM} ${command}. Run \`${PROGRAM} ${command} --help\` for its use.`);
  if (expected !== null && first === undefined) throw new ArgError(`${PROGRAM} ${command} needs a ${expected}: ${PROGRAM} ${command} ${COMMANDS[command].args}.`);
  return first ?? '';
}

function str(parsed: ParsedArgs, key: string): string | undefined {
  const v = parsed.values[key];
  return typeof v === 'string' ? v : undefined;
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

function unknownCommand(name: string): ArgError {
  return new ArgError(`Unknown command "${clip(name)}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`${PROGRAM} --help\` for their use.`);
}
