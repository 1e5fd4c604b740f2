/** Opens the back end in-process for one CLI command and closes it afterwards, whatever happens. */
import { buildApi, type AppInfo, type Handlers, type StudioApi } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { createHandlers } from '../api/handlers';
import { inProcessTransport } from '../api/in-process-transport';
import { openAppContext, type AppContext } from '../app/context';
import { resolveHome } from '../app/paths';
import type { GlobalOptions } from './commands';
import type { CliIo } from './io';

/** The back end as a command sees it: the context, the handlers and the typed API over them. */
export interface CliSession {
  ctx: AppContext;
  handlers: Handlers;
  api: StudioApi;
}

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
 * Runs `work` with the back end opened on the home folder chosen by `--home`, LSTM_STUDIO_HOME or
 * the platform default; closes it (cancelling running jobs) when `work` ends or fails.
 */
export async function withSession<T>(global: GlobalOptions, mode: AppInfo['mode'], io: CliIo, work: (s: CliSession) => Promise<T>): Promise<T> {
  const home = resolveHome({ flag: global.home, env: io.env });
  let ctx: AppContext;
  try {
    ctx = openAppContext({ home, mode });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code ? HOME_PROBLEMS[code] : undefined;
    if (!why) throw err;
    throw new UserError(`Cannot open the LSTM Studio home folder ${home}: ${why} (${(err as Error).message}). Fix it, or choose another folder with --home DIR.`);
  }
  const handlers = createHandlers(ctx);
  try {
    return await work({ ctx, handlers, api: buildApi(inProcessTransport(handlers, ctx.events)) });
  } finally {
    await ctx.close();
  }
}
