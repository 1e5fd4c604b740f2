/** Checks a file named on the command line before any work starts. */
import * as fs from 'node:fs';
import { UserError } from '../../shared/errors';

/**
 * Fails early, with a message to act on, when `file` cannot be read. `flag` names the option that
 * gave it (e.g. "--data"), or null for a positional argument.
 */
export function checkReadableFile(file: string, flag: string | null): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    const hint = flag ? ` given to ${flag} (relative paths start from ${process.cwd()}), or give a dataset id` : ` (relative paths start from ${process.cwd()})`;
    throw new UserError(`File not found: ${file}. Check the path${hint}.`);
  }
  if (!stat.isFile()) throw new UserError(`${file} is a folder, not a file: give ${flag ? `${flag} ` : ''}the path of a CSV, TSV or JSON file${flag ? ', or a dataset id' : ''}.`);
}
