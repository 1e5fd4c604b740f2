/** The batch-scoring operations besides `scoring:run` (which runs in an analysis worker): the recorded runs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { getScoringRun, listScoringRuns } from './scoring-repo';

/** Implements scoring:list, scoring:get and scoring:file. */
export function createScoringHandlers(ctx: AppContext): Pick<Handlers, 'scoring:list' | 'scoring:get' | 'scoring:file'> {
  return {
    'scoring:list': async (req) => listScoringRuns(ctx.db, req?.name),
    'scoring:get': async ({ id }) => getScoringRun(ctx.db, id),
    'scoring:file': async ({ id }) => {
      const run = getScoringRun(ctx.db, id);
      if (!fs.existsSync(run.file)) throw new UserError(`The results of run ${id} are gone from ${run.file}. Score the dataset again.`);
      return { name: path.basename(run.file), text: fs.readFileSync(run.file, 'utf8') };
    },
  };
}
