/** The batch-scoring operations besides `scoring:run` (which runs in an analysis worker): the recorded runs. */
import type { Handlers } from '../../shared/api';
import type { AppContext } from '../app/context';
import { getScoringRun, listScoringRuns } from './scoring-repo';

/** Implements scoring:list and scoring:get. */
export function createScoringHandlers(ctx: AppContext): Pick<Handlers, 'scoring:list' | 'scoring:get'> {
  return {
    'scoring:list': async (req) => listScoringRuns(ctx.db, req?.name),
    'scoring:get': async ({ id }) => getScoringRun(ctx.db, id),
  };
}
