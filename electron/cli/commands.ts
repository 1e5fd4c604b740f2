/**
 * The CLI's commands, their options (which also make the help texts) and the conversion of argv
 * into a typed request. No I/O here, so all of it is unit-tested.
 */
import type { DatasetFormat, Delimiter, ImportOptions } from '../../shared/dataset';
import { ArgError, findCommandIndex, parseOptions, type OptionSpecs, type ParsedArgs } from './args';

/** The executable's name, as shown in help and error messages. */
export const PROGRAM = 'lstm-studio';

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  home: {
    type: 'string',
    valueName: 'DIR',
    description: 'Folder of the project database (default: $LSTM_STUDIO_HOME, else the user-data folder)',
  },
  json: { type: 'flag', description: 'Print machine-readable JSON on stdout' },
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

/** Every command, by name. */
export const COMMANDS = {
  import: {
    summary: 'Import a CSV/TSV/JSON file of sensor data into the project database',
    args: 'FILE',
    options: {
      name: { type: 'string', valueName: 'NAME', description: 'Dataset name (default: the file name)' },
      time: { type: 'string', valueName: 'COL', description: 'Time column, or "none" for row order (default: detected)' },
      entity: { type: 'string', valueName: 'COL', description: 'Asset/unit column, or "none" for one series (default: detected)' },
      label: { type: 'string', valueName: 'COL', description: 'Label (class) column, or "none"' },
      'no-header': { type: 'flag', description: 'The first row is data; columns are named c1, c2, ...' },
      delimiter: { type: 'string', valueName: 'D', description: 'Field delimiter: , ; tab | whitespace (default: detected)' },
      decimal: { type: 'string', valueName: '.|,', description: 'Decimal separator (default: detected)' },
      columns: { type: 'string', valueName: 'a,b,c', description: 'New column names, in file order' },
      format: { type: 'string', valueName: 'long|wide', description: 'long: one time step per row; wide: one sequence per row' },
    },
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
  | { kind: 'demo'; global: GlobalOptions; out: string };

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
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
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
  }
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
  return new ArgError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`${PROGRAM} --help\` for their use.`);
}
