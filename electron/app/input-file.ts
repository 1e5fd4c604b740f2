/**
 * The one check of every file the app reads (imports, configs, model files, score and drift data):
 * it must be a regular file we may read. Anything else (a folder, a FIFO, a device such as /dev/zero,
 * a socket, a link loop, a file without permission) is refused up front with a message that names
 * it, says what it is and what to do, before anything waits on it or reads it whole.
 */
import * as fs from 'node:fs';
import { UserError, clipPath, fmtInt } from '../../shared/errors';

/** How to word the refusal: `flag` names the option that gave the path; `expected` the kind of file wanted. */
export interface InputFileHint {
  /** The option that named the file, e.g. "--config" (null or absent: a positional argument or a dialog). */
  flag?: string | null;
  /** The kind of file wanted: "a CSV, TSV, TXT, JSON or JSON Lines file". */
  expected?: string;
}

const ANY_FILE = 'a regular file';

/**
 * Stats `file` (following links) and refuses anything but a regular file with a message to act on;
 * returns its stats. Never opens it, so a FIFO cannot make it wait.
 */
export function checkInputFile(file: string, hint: InputFileHint = {}): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw fileError(err, file, hint);
  }
  if (stat.isDirectory()) throw new UserError(`${clipPath(file)} is a folder, not a file: ${giveInstead(hint)}.`);
  const kind = stat.isFIFO()
    ? 'a named pipe (FIFO), not a regular file (reading it could wait forever)'
    : stat.isCharacterDevice() || stat.isBlockDevice()
      ? 'a device, not a regular file'
      : stat.isSocket()
        ? 'a socket, not a regular file'
        : null;
  if (kind !== null) throw new UserError(`${clipPath(file)} is ${kind}: ${giveInstead(hint)}.`);
  return stat;
}

/**
 * Runs `read` on `file` opened for reading, once checkInputFile passed; a file-system error on the
 * way (EACCES at open, EIO while reading) becomes fileError's message. The file is closed after.
 */
export function withInputFile<T>(file: string, hint: InputFileHint, read: (fd: number, stat: fs.Stats) => T): T {
  const stat = checkInputFile(file, hint);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw fileError(err, file, hint);
  }
  try {
    return read(fd, stat);
  } catch (err) {
    throw fileError(err, file, hint);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a whole small file (a config, a model.json) after checkInputFile, refusing one larger than
 * `maxBytes` before reading it. `what` names it in the message ("The config file").
 */
export function readSmallFile(file: string, maxBytes: number, what: string, hint: InputFileHint = {}): Buffer {
  const stat = checkInputFile(file, hint);
  if (stat.size > maxBytes) {
    throw new UserError(`${what} ${clipPath(file)} is ${fmtInt(stat.size)} bytes; at most ${fmtInt(maxBytes)} are read. Check that this is the right file.`);
  }
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw fileError(err, file, hint);
  }
}

/**
 * A file-system error about `file` as a UserError naming the file and what to do (not found, a link
 * loop, no permission, a folder, a too-long path...); an error it does not recognise is returned as is.
 */
export function fileError(err: unknown, file: string, hint: InputFileHint = {}): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const name = clipPath(file);
  const where = hint.flag ? ` given to ${hint.flag}` : '';
  switch (code) {
    case 'ENOENT':
      return new UserError(`File not found: ${name}. Check the path${where} (relative paths start from ${clipPath(process.cwd(), 40)}).`);
    case 'ENOTDIR':
      return new UserError(`File not found: ${name} (a part of the path is a file, not a folder). Check the path${where}.`);
    case 'ELOOP':
      return new UserError(`${name} is a symbolic link that leads back to itself (a link loop), so it reaches no file. Fix the link, or give the file's own path.`);
    case 'EACCES':
    case 'EPERM':
      return new UserError(`No permission to read ${name}. Check the file's permissions (or copy it somewhere you can read) and try again.`);
    case 'EISDIR':
      return new UserError(`${name} is a folder, not a file: ${giveInstead(hint)}.`);
    case 'ENAMETOOLONG':
      return new UserError(`The path ${name} is too long for this system. Move the file to a shorter path and try again.`);
    case 'EMFILE':
    case 'ENFILE':
      return new UserError(`Cannot open ${name}: too many files are open. Close other programs and try again.`);
    case 'EIO':
      return new UserError(`Reading ${name} failed with an input/output error (a disk or network problem). Copy the file to a local disk and try again.`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

function giveInstead(hint: InputFileHint): string {
  return `give ${hint.flag ? `${hint.flag} ` : ''}the path of ${hint.expected ?? ANY_FILE}`;
}
