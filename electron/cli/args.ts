/**
 * A small argv parser: `--name value`, `--name=value`, boolean flags (`--json`, `--no-header`),
 * `-h`, and `--` to end the options. Unknown options and missing values are user errors that name
 * the option and point to `--help`.
 */
import { UserError, clip } from '../../shared/errors';

/** One option a command accepts. */
export interface OptionSpec {
  /** `string` options take a value; `flag` options are true when present. */
  type: 'string' | 'flag';
  /** One-letter alias, without the dash (`h` for `-h`). */
  short?: string;
  /** Placeholder of the value in help texts (`FILE`, `N`). */
  valueName?: string;
  /** One line for the help text. */
  description: string;
}

/** Options by long name (without the leading dashes). */
export type OptionSpecs = Record<string, OptionSpec>;

/** The options and positional arguments found in an argv list. */
export interface ParsedArgs {
  values: Record<string, string | true>;
  positionals: string[];
}

/** A mistake in the command line; exits 1 like any user error. */
export class ArgError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ArgError';
  }
}

/**
 * Parses `tokens` against `specs`. `helpHint` is the command to suggest in error messages
 * (`lstm-studio import --help`). Repeated options keep their last value.
 */
export function parseOptions(tokens: readonly string[], specs: OptionSpecs, helpHint: string): ParsedArgs {
  const values: ParsedArgs['values'] = {};
  const positionals: string[] = [];
  const unknown = (shown: string) =>
    new ArgError(`Unknown option ${clip(shown)}. Run \`${helpHint}\` to see the options.`);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      positionals.push(...tokens.slice(i + 1));
      break;
    }
    if (!isOptionToken(token)) {
      positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const eq = long ? token.indexOf('=') : -1;
    const written = eq >= 0 ? token.slice(0, eq) : token;
    const name = long ? written.slice(2) : shortToLong(specs, written.slice(1));
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || !spec) throw unknown(written);
    if (spec.type === 'flag') {
      if (eq >= 0) throw new ArgError(`Option ${written} takes no value. Run \`${helpHint}\` for its use.`);
      values[name] = true;
      continue;
    }
    const value = eq >= 0 ? token.slice(eq + 1) : tokens[i + 1];
    if (value === undefined || (eq < 0 && isOptionToken(value))) {
      throw new ArgError(`Option --${name} needs a value (--${name} ${spec.valueName ?? 'VALUE'}). Run \`${helpHint}\` for its use.`);
    }
    if (eq < 0) i++;
    values[name] = value;
  }
  return { values, positionals };
}

/**
 * Finds the command word: the first token that is neither an option nor the value of one of
 * `valued` (options that take a value, such as `--home DIR`). Returns its index, or -1.
 */
export function findCommandIndex(tokens: readonly string[], valued: ReadonlySet<string>): number {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') return -1;
    if (!isOptionToken(token)) return i;
    if (valued.has(token)) i++;
  }
  return -1;
}

/** True when a token looks like an option (`--x`, `-x`), not a value such as `-` or `-5`. */
function isOptionToken(token: string): boolean {
  return token.length > 1 && token[0] === '-' && !/^-\d/.test(token);
}

function shortToLong(specs: OptionSpecs, short: string): string | undefined {
  return Object.keys(specs).find((name) => specs[name].short === short);
}
