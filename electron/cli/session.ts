/** Opens the back end in-process for one CLI command and closes it afterwards, whatever happens. */
import { buildApi, type AppInfo, type Handlers, type StudioApi } from '../../shared/api';
import { createHandlers } from '../api/handlers';
import { inProcessTransport } from '../api/in-process-transport';
import type { AppContext } from '../app/context';
import { openHomeContext } from '../app/open-home';
import { resolveHome } from '../app/paths';
import type { GlobalOptions } from './commands';
import type { CliIo } from './io';

/** The back end as a command sees it: the context, the handlers and the typed API over them. */
export interface CliSession {
  ctx: AppContext;
  handlers: Handlers;
  api: StudioApi;
}

/**
 * Runs `work` with the back end opened on the home folder chosen by `--home`, LSTM_STUDIO_HOME or
 * the platform default; closes it (cancelling running jobs) when `work` ends or fails.
 */
export async function withSession<T>(global: GlobalOptions, mode: AppInfo['mode'], io: CliIo, work: (s: CliSession) => Promise<T>): Promise<T> {
  const home = resolveHome({ flag: global.home, env: io.env });
  const ctx = openHomeContext(home, mode);
  const handlers = createHandlers(ctx);
  try {
    return await work({ ctx, handlers, api: buildApi(inProcessTransport(handlers, ctx.events)) });
  } finally {
    await ctx.close();
  }
}
