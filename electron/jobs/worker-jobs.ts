/**
 * Every job that runs in a worker thread, in one table: its request, result and progress types,
 * the words of its errors, its cancel grace and its runner. Runners are loaded in the worker only,
 * on demand (an import's worker never loads TensorFlow.js); the back end reads the rest.
 */
import type { JobKind, OperationName } from '../../shared/api';
import type { ImportOptions } from '../../shared/dataset';
import { UserError } from '../../shared/errors';
import type { TrainingEstimate } from '../../shared/model/training';
import type { ImportProgress } from '../data/import-runner';
import { ANALYSIS_OPERATIONS, type WorkerOperation, type WorkerReq, type WorkerRes, WORKER_ONLY_OPERATIONS } from '../evaluation/analysis-protocol';
import type { TrainOutcome, TrainWorkerMessage, TrainWorkerRequest } from '../training/train-protocol';
import type { WorkerJobWords } from './run-in-worker';
import type { WorkerRunner } from './worker-side';

/** The progress of a job that reports phases: what it does now and how far it is (0..1, or null). */
export interface PhaseProgress {
  phase: string;
  fraction: number | null;
}

type AnalysisJobs = { [K in WorkerOperation]: { req: WorkerReq<K>; res: WorkerRes<K>; progress: PhaseProgress } };

/** Every worker job: its request, its result and its progress payload. */
export type WorkerJobs = AnalysisJobs & {
  'datasets:import': { req: { file: string; options: ImportOptions }; res: number; progress: ImportProgress };
  'training:start': { req: Extract<TrainWorkerRequest, { type: 'start' }>; res: TrainOutcome; progress: TrainWorkerMessage };
  'training:estimate': { req: Extract<TrainWorkerRequest, { type: 'estimate' }>; res: TrainingEstimate; progress: never };
};
export type WorkerJobName = keyof WorkerJobs;

/** How one worker job runs. */
export interface WorkerJobSpec<J extends WorkerJobName> {
  words: WorkerJobWords;
  /** How long a cancelled job may take to stop (roll back) before its worker is terminated. */
  graceMs: number;
  /** A longer grace once it saves what it kept. */
  saveGrace?: { ms: number; saving(p: WorkerJobs[J]['progress']): boolean };
  /** Checks a request before any work (requests over HTTP are untyped): throws a UserError naming the field. */
  check?(req: WorkerJobs[J]['req']): void;
  /** Loads its runner (in the worker). */
  load(): Promise<WorkerRunner<WorkerJobs[J]['req'], WorkerJobs[J]['res'], WorkerJobs[J]['progress']>>;
}

const TRAINING_WORDS: WorkerJobWords = {
  what: 'Training',
  worker: 'training worker',
  lost: 'no model was saved',
  memoryAdvice: 'Use a smaller window, batch size or model, fewer features, or a larger stride.',
};

/** One analysis: the model and dataset its request names, scored by its runner (analysis-runner.ts). */
function analysisJob<K extends WorkerOperation>(op: K): WorkerJobSpec<K> {
  return {
    words: { what: 'The analysis', worker: 'analysis worker', lost: 'nothing was recorded', memoryAdvice: 'Use a smaller dataset or a larger stride.' },
    graceMs: 3000,
    check: (req) => checkModelRequest(op, req),
    load: async () => {
      const [{ runAnalysis }, { analysisControl }] = await Promise.all([import('../evaluation/analysis-runner'), import('../evaluation/analysis-control')]);
      return (req, job) => runAnalysis(job.db, op, req as WorkerReq<K>, analysisControl(job.signal, (phase, fraction) => job.progress({ phase, fraction })));
    },
  };
}

/** An analysis names its model and dataset. */
function checkModelRequest(op: string, req: { model?: unknown; datasetId?: unknown }): void {
  if (typeof req.model !== 'string' || !req.model.trim()) throw new UserError(`${op} needs \`model\`: a model reference such as pumps-forecast@1.`);
  if (!Number.isInteger(req.datasetId)) throw new UserError(`${op} needs \`datasetId\`: the id of an imported dataset.`);
}

const ANALYSIS_JOBS = Object.fromEntries([...ANALYSIS_OPERATIONS, ...WORKER_ONLY_OPERATIONS].map((op) => [op, analysisJob(op)])) as { [K in WorkerOperation]: WorkerJobSpec<K> };

/** The table of worker jobs. */
export const WORKER_JOBS: { [J in WorkerJobName]: WorkerJobSpec<J> } = {
  ...ANALYSIS_JOBS,
  'datasets:import': {
    words: { what: 'The import', worker: 'import worker', lost: 'nothing was stored', memoryAdvice: 'Import the file in parts.' },
    graceMs: 5000,
    load: async () => {
      const [{ runImport }, { checkpoint }] = await Promise.all([import('../data/import-runner'), import('../store/database')]);
      return async (req, job) => {
        const id = await runImport(job.db, req.file, req.options, { signal: job.signal, onProgress: (p) => job.progress(p) });
        job.afterResult(() => checkpoint(job.db)); // the import is committed; this copies its pages into the database file
        return id;
      };
    },
  },
  'training:start': {
    words: TRAINING_WORDS,
    graceMs: 10_000,
    // Evaluating and saving the kept model takes longer than stopping within a batch.
    saveGrace: { ms: 120_000, saving: (m) => m.type === 'progress' && m.progress.phase === 'saving' },
    load: async () => {
      const { runTraining } = await import('../training/run-training');
      return (req, job) => runTraining(job.db, req, { signal: job.signal, keepBest: job.keepBest, send: (m) => job.progress(m) });
    },
  },
  'training:estimate': {
    words: { ...TRAINING_WORDS, what: 'The estimate', lost: 'nothing was saved' },
    graceMs: 10_000,
    load: async () => {
      const { runEstimate } = await import('../training/run-training');
      return (req, job) => runEstimate(job.db, req);
    },
  },
};

/**
 * The worker jobs that are operations of the contract as they are, with their kind: the back end
 * answers each by running it as a job (electron/jobs/job-handlers.ts); no handler of their own.
 */
export const JOB_OPERATIONS = Object.fromEntries(ANALYSIS_OPERATIONS.map((op) => [op, 'analysis'])) as { [K in (typeof ANALYSIS_OPERATIONS)[number]]: 'analysis' } satisfies {
  [K in WorkerJobName & OperationName]?: JobKind;
};
export type JobOperation = keyof typeof JOB_OPERATIONS;

/** True when `name` is a job of the table (the worker refuses anything else). */
export function isWorkerJob(name: string): name is WorkerJobName {
  return Object.prototype.hasOwnProperty.call(WORKER_JOBS, name);
}
