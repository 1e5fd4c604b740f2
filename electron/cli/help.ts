/** Help texts of the CLI, made from the command specs so they never drift from the parser. */
import type { OptionSpecs } from './args';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM, type CommandName } from './commands';

/** The overview: every command with its summary, and the global options. */
export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const commands = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'LSTM Studio: learn from sensor time series, offline.',
    '',
    'Commands:',
    ...commands,
    '',
    'Options:',
    ...optionLines({ ...GLOBAL_OPTIONS, version: { type: 'flag', description: 'Print the version' } }),
    '',
    `Run \`${PROGRAM} <command> --help\` for the options of a command.`,
    'Exit codes: 0 success, 1 a problem with the input (or cancelled), 2 an internal error.',
    '',
  ].join('\n');
}

/** The help of one command: usage, summary, its options, then the global options. */
export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  const ownOptions = optionLines(spec.options);
  return [
    `Usage: ${PROGRAM} ${name}${spec.args ? ` ${spec.args}` : ''} [options]`,
    '',
    `${spec.summary}.`,
    '',
    ...(ownOptions.length > 0 ? ['Options:', ...ownOptions, ''] : []),
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    ...(spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

function optionLines(specs: OptionSpecs): string[] {
  const left = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '';
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return `${short}--${name}${value}`;
  });
  const width = Math.max(0, ...left.map((l) => l.length));
  return Object.values(specs).map((spec, i) => `  ${left[i].padEnd(width)}  ${spec.description}`);
}
