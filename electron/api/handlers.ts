import * as path from 'node:path';
import { VOID_OPERATIONS, type AppInfo, type Handlers, type OperationName, type PickedFile } from '../../shared/api';
import { fieldProblem, REQUIRED_FIELDS, type FieldKind } from '../../shared/request-fields';
import { UserError } from '../../shared/errors';
import { refuseForbiddenKeys } from '../../shared/safe-keys';
import type { AppContext } from '../app/context';
import { readAppVersion } from '../app/version';
import { createJobHandlers } from '../jobs/job-handlers';
import { runWorkerJob } from '../jobs/worker-job';
import { previewFile } from '../data/preview';
import { querySeries } from '../data/series-query';
import { createRegistryHandlers } from '../registry/registry-handlers';
import { createReportHandlers, type ReportHooks } from '../reports/report-handlers';
import { createScoringHandlers } from '../scoring/scoring-handlers';
import { createServingHandlers } from '../serving/serving-handlers';
import { createTrainingHandlers } from '../training/training-handlers';
import { deleteDataset, getDatasetDetail, listDatasets, renameDataset } from '../store/dataset-repo';

/** Files uploaded in browser mode are temporary copies, not worth remembering as recent files. */
function isUpload(ctx: AppContext, file: string): boolean {
  return path.resolve(file).startsWith(path.join(ctx.home, 'uploads') + path.sep);
}

/** What differs between transports: only the desktop app has native file dialogs, its own PDF printer and a file manager. */
export interface PlatformHooks extends ReportHooks {
  pickFile?: () => Promise<PickedFile | null>;
  /** The dialog for a model file to import (`.lsmodel`). */
  pickModelFile?: () => Promise<PickedFile | null>;
}

/** The back end: one implementation of every contract operation, shared by IPC, HTTP and the CLI. */
export function createHandlers(ctx: AppContext, hooks: PlatformHooks = {}): Handlers {
  return requireRequestObjects(operations(ctx, hooks));
}

/**
 * Refuses a missing or non-object request for operations that take one, with a message naming the
 * operation, instead of failing inside the handler (requests from HTTP and IPC are untyped), any
 * request holding a `__proto__`, `constructor` or `prototype` key, and one missing a required field
 * or holding it as the wrong kind (REQUIRED_FIELDS).
 */
function requireRequestObjects(handlers: Handlers): Handlers {
  const guarded = { ...handlers } as Record<OperationName, (req: unknown) => Promise<unknown>>;
  for (const op of Object.keys(handlers) as OperationName[]) {
    if ((VOID_OPERATIONS as readonly string[]).includes(op)) continue;
    const handler = handlers[op] as (req: unknown) => Promise<unknown>;
    guarded[op] = async (req) => {
      if (req === null || typeof req !== 'object' || Array.isArray(req)) {
        throw new UserError(`The operation ${op} needs a request object with its fields; it got ${req === null ? 'null' : typeof req}.`);
      }
      refuseForbiddenKeys(req, `The request of ${op}`);
      const fields = (REQUIRED_FIELDS as Record<string, Record<string, FieldKind> | undefined>)[op] ?? {};
      for (const [field, kind] of Object.entries(fields)) {
        const problem = fieldProblem((req as Record<string, unknown>)[field], kind);
        if (problem) throw new UserError(`The request of ${op}: \`${field}\` ${problem}.`);
      }
      return handler(req);
    };
  }
  return guarded as Handlers;
}

function operations(ctx: AppContext, hooks: PlatformHooks): Handlers {
  return {
    'app:info': async (): Promise<AppInfo> => ({
      name: 'LSTM Studio',
      version: readAppVersion(),
      home: ctx.home,
      dbPath: ctx.dbPath,
      mode: ctx.mode,
      platform: `${process.platform}-${process.arch}`,
      uploadLimitBytes: ctx.settings.uploadLimitBytes(),
    }),
    'dialog:openFile': async () => {
      if (!hooks.pickFile) throw new UserError('There is no file dialog here: pass the file path instead.');
      return hooks.pickFile();
    },
    'dialog:openModelFile': async () => {
      if (!hooks.pickModelFile) throw new UserError('There is no file dialog here: pass the model file\'s path instead.');
      return hooks.pickModelFile();
    },
    'files:recent': async () => ctx.settings.recentFiles(),
    'datasets:list': async () => listDatasets(ctx.db),
    'datasets:get': async ({ id }) => getDatasetDetail(ctx.db, id),
    'datasets:preview': async ({ path, options }) => previewFile(path, options),
    'datasets:import': async ({ jobId, path, options }) => {
      const id = await ctx.jobs.run(jobId, 'import', (job) => runWorkerJob(ctx, 'datasets:import', { file: path, options: options ?? {} }, job, (p) => job.progress(p, p.phase === 'Done')));
      if (!isUpload(ctx, path)) ctx.settings.addRecentFile(path);
      return getDatasetDetail(ctx.db, id);
    },
    'datasets:rename': async ({ id, name }) => renameDataset(ctx.db, id, name),
    'datasets:delete': async ({ id }) => ({ deleted: deleteDataset(ctx.db, id) }),
    'datasets:series': async (req) => querySeries(ctx.db, req),
    'jobs:cancel': async ({ jobId, keepBest }) => ({ cancelled: ctx.jobs.cancel(jobId, { keepBest: keepBest === true }) }),
    'jobs:list': async () => ctx.jobs.list(),
    ...createTrainingHandlers(ctx),
    ...createJobHandlers(ctx),
    ...createRegistryHandlers(ctx),
    ...createReportHandlers(ctx, hooks),
    ...createScoringHandlers(ctx),
    ...createServingHandlers(ctx),
  };
}
