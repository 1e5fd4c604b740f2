/** The serving and monitoring operations of the API contract. */
import type { Handlers } from '../../shared/api';
import type { AppContext } from '../app/context';
import { monitoredVersions, monitoringHistory } from './monitoring-repo';
import { ServingHost } from './serving-host';

type ServingOps = 'serving:predict' | 'serving:status' | 'monitoring:history' | 'monitoring:summary';

/** Implements serving (through one serving worker per app) and the monitoring history. */
export function createServingHandlers(ctx: AppContext): Pick<Handlers, ServingOps> {
  const host = new ServingHost(ctx);
  return {
    'serving:predict': (req) => host.predict(req),
    'serving:status': async () => host.status(),
    'monitoring:history': async (req) => monitoringHistory(ctx.db, req ?? {}),
    'monitoring:summary': async () => monitoredVersions(ctx.db),
  };
}
