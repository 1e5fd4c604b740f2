/**
 * Checks of a file the user asked us to write (`--out`), made before the work starts, so a typo in a
 * folder name costs nothing, and the atomic copy into place with errors a person can act on.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, clipPath } from '../../shared/errors';

/** Refuses an output path whose folder is missing or not a folder, or that is itself a folder; returns it resolved. */
export function checkOutputFile(file: string, flag: string): string {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const folder = statOrNull(dir);
  if (!folder) throw new UserError(`Cannot write ${clipPath(target)}: the folder ${clipPath(dir)} does not exist. Create it first, or give ${flag} a path in an existing folder.`);
  if (!folder.isDirectory()) throw new UserError(`Cannot write ${clipPath(target)}: ${clipPath(dir)} is a file, not a folder. Give ${flag} a path in an existing folder.`);
  const stat = statOrNull(target);
  if (stat?.isDirectory()) throw new UserError(`${clipPath(target)} is a folder: give ${flag} a file name in it, such as ${clipPath(path.join(target, 'scores.csv'))}.`);
  if (stat && !stat.isFile()) throw new UserError(`${clipPath(target)} is not a regular file (a device, FIFO or socket): give ${flag} the path of a new file.`);
  return target;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** Copies `from` to `to` through a temporary file renamed into place (never a half-written file); returns the resolved target. */
export function copyFileAtomic(from: string, to: string, flag: string): string {
  const target = checkOutputFile(to, flag);
  const tmp = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    fs.copyFileSync(from, tmp);
    fs.renameSync(tmp, target);
    return target;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`Cannot write ${clipPath(target)} (${code}). Check that its folder exists and you may write there, or give ${flag} another path.`);
  }
}
