/** Opens the app context on a home folder, turning the problems a user can fix into a UserError. */
import type { AppInfo } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { openAppContext, type AppContext } from './context';

/** Error codes that mean the home folder or its database cannot be used as it is (the user can fix it). */
const HOME_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'the disk is full',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_NOTADB: 'the database file is not an SQLite database',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_BUSY: 'the database is locked by another program',
};

/**
 * Opens the context on `home`; a home or database that cannot be used as it is (permissions, a
 * read-only or full disk, a damaged database) is a UserError that names the folder and what to do.
 */
export function openHomeContext(home: string, mode: AppInfo['mode']): AppContext {
  try {
    return openAppContext({ home, mode });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code ? HOME_PROBLEMS[code] : undefined;
    if (!why) throw err;
    throw new UserError(`Cannot open the LSTM Studio home folder ${home}: ${why} (${(err as Error).message}). Fix it, or choose another folder with --home DIR.`);
  }
}
