/** Checks a file named on the command line before any work starts. */
import { checkInputFile } from '../app/input-file';

/**
 * Fails early, with a message to act on, when `file` is not a regular file that can be read (missing,
 * a folder, a FIFO, a device, a link loop). `flag` names the option that gave it (e.g. "--data"), or
 * null for a positional argument.
 */
export function checkReadableFile(file: string, flag: string | null): void {
  checkInputFile(file, { flag, expected: `a CSV, TSV or JSON file${flag ? ', or a dataset id' : ''}` });
}
