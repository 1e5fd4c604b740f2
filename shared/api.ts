/**
 * The one API contract between the back end and its clients (Electron IPC, browser mode over HTTP,
 * and the CLI in-process). Every operation and event stream is declared here and nowhere else.
 */
import type {
  DatasetDetail,
  DatasetSummary,
  ImportOptions,
  ImportPreview,
  SeriesRequest,
  SeriesResult,
} from './dataset';
import type { DriftCheckSummary, DriftReport, DriftRequest } from './drift/types';
import type { SerializedError } from './errors';
import type { ScoreRequest, ScoringRun, ScoringRunSummary } from './scoring/types';
import type { MonitoredVersion, MonitoringSample, ServeRequest, ServeResult, ServingStatus } from './serving/types';
import type {
  EngineInfo,
  ModelSummary,
  PresetInfo,
  RunDetail,
  RunSummary,
  TrainProgress,
  TrainRequest,
  TrainResult,
  TrainingEstimate,
} from './model/training';
import type { PartialVariant } from './model/variant';
import type {
  EvaluateRequest,
  EvaluationReport,
  ExplainRequest,
  Explanation,
  ForecastRequest,
  ForecastResult,
  PredictRequest,
  PredictionTable,
  RiskReport,
  RiskRequest,
} from './evaluation/analysis-types';
import type {
  AliasEvent,
  DeployRequest,
  DeployResult,
  ExportResult,
  ExportedFile,
  GateReport,
  GatesRequest,
  KerasImportRequest,
  ModelComparison,
  ModelPolicy,
  ModelVersionDetail,
  RegisteredModel,
} from './registry/types';
import type { ReportRequest, ReportResult } from './reports/types';

/** Facts about the running back end, shown in the status bar and `--help`. */
export interface AppInfo {
  name: string;
  version: string;
  /** Where the app keeps its data (the project database lives here). */
  home: string;
  dbPath: string;
  mode: 'desktop' | 'browser' | 'cli';
  platform: string;
  /** The largest file browser mode accepts as an upload, in bytes (`uploadLimitBytes` in settings.json). */
  uploadLimitBytes: number;
}

/** A file picked by the user, as the back end can read it. */
export interface PickedFile {
  path: string;
  name: string;
}

/** A file the user imported recently. */
export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

/** Kinds of long-running work: each runs as a job with the same progress event, cancel and result. */
export type JobKind = 'import' | 'train' | 'estimate' | 'analysis' | 'report';

/**
 * A progress update of a job, at most about 8 a second per job (the first, the last and every
 * change of a training's phase or epoch always go through).
 */
export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** What is happening now, in words ("Reading rows", "Sorting entity 3"). */
  phase: string;
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  /** Rows and bytes read so far (imports; 0 for other jobs). */
  rows: number;
  bytes: number;
  totalBytes: number;
  /** A training's detail (kind `train`): epoch, batch, losses, speed and time left. */
  train?: TrainProgress;
}

/** How a job ends: its value, or its error as data. The one result shape of every job and worker. */
export type JobResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** The final state of a job, sent once (the value itself is the operation's result). */
export type JobFinished = { jobId: string; kind: JobKind } & ({ ok: true } | { ok: false; error: SerializedError });

/** How to cancel a job. */
export interface CancelOptions {
  /** Keep what the job has made so far where it can (training: evaluate and save the best model so far). */
  keepBest?: boolean;
}

/** A job that is running now. */
export interface JobInfo {
  jobId: string;
  kind: JobKind;
  startedAt: string;
  /** Its latest progress, null before the first. */
  progress: JobProgress | null;
  /** True once a cancel was asked for (the job may take a moment to stop). */
  cancelling: boolean;
}

/** Every operation: its request and its result. Names are `namespace:verb`. */
export interface Operations {
  'app:info': { req: void; res: AppInfo };
  'dialog:openFile': { req: void; res: PickedFile | null };
  /** The file dialog for a model file to import (an `.lsmodel` export); null when the user cancels. */
  'dialog:openModelFile': { req: void; res: PickedFile | null };
  'files:recent': { req: void; res: RecentFile[] };
  'datasets:list': { req: void; res: DatasetSummary[] };
  'datasets:get': { req: { id: number }; res: DatasetDetail };
  'datasets:preview': { req: { path: string; options?: ImportOptions }; res: ImportPreview };
  'datasets:import': { req: { jobId: string; path: string; options?: ImportOptions }; res: DatasetDetail };
  'datasets:rename': { req: { id: number; name: string }; res: DatasetSummary };
  'datasets:delete': { req: { id: number }; res: { deleted: boolean } };
  'datasets:series': { req: SeriesRequest; res: SeriesResult };
  /** Asks a job to stop (any kind: import, training, analysis, report); false when none of that id runs. */
  'jobs:cancel': { req: { jobId: string } & CancelOptions; res: { cancelled: boolean } };
  /** The jobs running now, oldest first. */
  'jobs:list': { req: void; res: JobInfo[] };
  'engine:info': { req: void; res: EngineInfo };
  'presets:list': { req: void; res: PresetInfo[] };
  'training:estimate': { req: { datasetId: number; config: PartialVariant; preset?: string }; res: TrainingEstimate };
  /** Trains a model as job `runId`: follow it with job:progress (its `train` detail), stop it with jobs:cancel (keepBest keeps the best model so far). */
  'training:start': { req: TrainRequest; res: TrainResult };
  'runs:list': { req: { datasetId?: number }; res: RunSummary[] };
  'runs:get': { req: { id: string }; res: RunDetail };
  'models:list': { req: void; res: ModelSummary[] };
  /** The validation report of a model version on a dataset (its held-out test split when it is the training dataset). */
  'evaluation:run': { req: EvaluateRequest; res: EvaluationReport };
  /** H steps ahead for one entity from its latest data, with calibrated intervals. */
  'forecast:run': { req: ForecastRequest; res: ForecastResult };
  /** Failure risk of every entity, ranked: forecasts crossing alarm limits, or the RUL model. */
  'risk:run': { req: RiskRequest; res: RiskReport };
  /** Attention weights, gradient saliency and permutation feature importance. */
  'explain:run': { req: ExplainRequest; res: Explanation };
  /** Every window of a dataset scored by a model, with a reliability flag each. */
  'predictions:run': { req: PredictRequest; res: PredictionTable };
  /** The registry by model name: versions, aliases and alerts. */
  'models:registry': { req: void; res: RegisteredModel[] };
  /** One version by reference: NAME (latest), NAME@VERSION or NAME:ALIAS. */
  'models:get': { req: { ref: string }; res: ModelVersionDetail };
  'models:update': { req: { name: string; version: number; tags?: string[]; notes?: string }; res: ModelVersionDetail };
  /** The quality gates of a version for an alias (default production), optionally against a dataset. */
  'models:gates': { req: GatesRequest; res: GateReport };
  /** Points an alias at a version after its gates pass (or forced with a reason, recorded). */
  'models:deploy': { req: DeployRequest; res: DeployResult };
  /** Moves an alias back to the version it pointed at before. */
  'models:rollback': { req: { name: string; alias?: string; reason?: string }; res: AliasEvent };
  /** Every recorded move of a model's aliases (of one alias when given), oldest first. */
  'models:history': { req: { name: string; alias?: string }; res: AliasEvent[] };
  'models:compare': { req: { a: string; b: string }; res: ModelComparison };
  /** Deletes a version and its files; refused while an alias points at it. */
  'models:delete': { req: { name: string; version: number }; res: { deleted: boolean } };
  'models:policy': { req: { name: string }; res: ModelPolicy };
  'models:setPolicy': { req: { name: string; policy: Partial<ModelPolicy> }; res: ModelPolicy };
  /** Writes a version as one file (default: `<home>/exports/NAME-vVERSION.lsmodel`). */
  'models:export': { req: { ref: string; path?: string }; res: ExportResult };
  /** A version's export file as bytes (base64), for the app to save as a download; also kept in `<home>/exports/`. */
  'models:exportData': { req: { ref: string }; res: ExportedFile };
  /** Imports an export file as the next version of its name (or of `name`). */
  'models:import': { req: { path: string; name?: string }; res: ModelSummary };
  /** Imports a Keras model converted to TensorFlow.js layers (model.json + weights), its inputs mapped to dataset columns. */
  'models:importKeras': { req: KerasImportRequest; res: ModelSummary };
  /** Checks a dataset against a version's training reference (a job in a worker); the check is recorded. */
  'drift:run': { req: DriftRequest; res: DriftReport };
  /** A model's recorded drift checks, newest first. */
  'drift:history': { req: { name: string }; res: DriftCheckSummary[] };
  'drift:get': { req: { id: number }; res: DriftReport };
  /** Writes a report (HTML or PDF) of a model version, a fleet-risk run or a drift check; a job with progress and cancel. */
  'reports:create': { req: ReportRequest; res: ReportResult };
  /** Shows a report file in the system's file manager (desktop app only). */
  'reports:show': { req: { path: string }; res: { shown: boolean } };
  /** Batch scoring: every window of a dataset by a version (a job in a worker); the CSV is stored and the run recorded. */
  'scoring:run': { req: ScoreRequest; res: ScoringRun };
  /** Recorded batch-scoring runs, newest first (of one model when named). */
  'scoring:list': { req: { name?: string }; res: ScoringRunSummary[] };
  'scoring:get': { req: { id: string }; res: ScoringRun };
  /** A run's stored CSV, for a download. */
  'scoring:file': { req: { id: string }; res: { name: string; text: string } };
  /** Predicts with the version an alias points at, in the serving worker (which switches versions as aliases move). */
  'serving:predict': { req: ServeRequest; res: ServeResult };
  'serving:status': { req: void; res: ServingStatus };
  /** Per-minute history of served versions (of one model when named), oldest first. */
  'monitoring:history': { req: { name?: string; version?: number; since?: string }; res: MonitoringSample[] };
  /** Every version an alias points at, with its serving totals. */
  'monitoring:summary': { req: void; res: MonitoredVersion[] };
}

/** Every event stream and the payload of one event. */
export interface Events {
  'job:progress': JobProgress;
  'job:finished': JobFinished;
  /** An alias moved (deploy or rollback): the serving worker switches, pages refresh. */
  'models:aliasMoved': AliasEvent;
}

export type OperationName = keyof Operations;
export type EventName = keyof Events;
export type Req<K extends OperationName> = Operations[K]['req'];
export type Res<K extends OperationName> = Operations[K]['res'];

/** All operation names, for transports that register handlers (checked complete at compile time). */
export const OPERATION_NAMES = [
  'app:info',
  'dialog:openFile',
  'dialog:openModelFile',
  'files:recent',
  'datasets:list',
  'datasets:get',
  'datasets:preview',
  'datasets:import',
  'datasets:rename',
  'datasets:delete',
  'datasets:series',
  'jobs:cancel',
  'jobs:list',
  'engine:info',
  'presets:list',
  'training:estimate',
  'training:start',
  'runs:list',
  'runs:get',
  'models:list',
  'evaluation:run',
  'forecast:run',
  'risk:run',
  'explain:run',
  'predictions:run',
  'models:registry',
  'models:get',
  'models:update',
  'models:gates',
  'models:deploy',
  'models:rollback',
  'models:history',
  'models:compare',
  'models:delete',
  'models:policy',
  'models:setPolicy',
  'models:export',
  'models:exportData',
  'models:import',
  'models:importKeras',
  'drift:run',
  'drift:history',
  'drift:get',
  'reports:create',
  'reports:show',
  'scoring:run',
  'scoring:list',
  'scoring:get',
  'scoring:file',
  'serving:predict',
  'serving:status',
  'monitoring:history',
  'monitoring:summary',
] as const satisfies readonly OperationName[];

/** The listener method each event is exposed as on the client API. */
export const EVENT_METHODS = {
  'job:progress': 'onJobProgress',
  'job:finished': 'onJobFinished',
  'models:aliasMoved': 'onAliasMoved',
} as const satisfies Record<EventName, `on${string}`>;

/** Operations that take no request; every other operation takes a request object. */
export const VOID_OPERATIONS = ['app:info', 'dialog:openFile', 'dialog:openModelFile', 'files:recent', 'datasets:list', 'jobs:list', 'engine:info', 'presets:list', 'models:list', 'models:registry', 'serving:status', 'monitoring:summary'] as const satisfies readonly OperationName[];

type VoidOperation = { [K in OperationName]: Req<K> extends void ? K : never }[OperationName];
const voidListIsExact: [Exclude<VoidOperation, (typeof VOID_OPERATIONS)[number]>, Exclude<(typeof VOID_OPERATIONS)[number], VoidOperation>] extends [never, never]
  ? true
  : never = true;
void voidListIsExact;

type MissingOperation = Exclude<OperationName, (typeof OPERATION_NAMES)[number]>;
const operationListIsComplete: [MissingOperation] extends [never] ? true : never = true;
void operationListIsComplete;

/** Stops a listener. */
export type Unsubscribe = () => void;

type Namespace<K> = K extends `${infer N}:${string}` ? N : never;
type MethodOf<K, N extends string> = K extends `${N}:${infer M}` ? M : never;
type OperationMethod<K extends OperationName> = Req<K> extends void
  ? () => Promise<Res<K>>
  : (req: Req<K>) => Promise<Res<K>>;

/** The client API: one method per operation (`api.datasets.list()`), one listener per event. */
export type StudioApi = {
  [N in Namespace<OperationName>]: {
    [M in MethodOf<OperationName, N>]: OperationMethod<`${N}:${M}` & OperationName>;
  };
} & {
  events: { [E in EventName as (typeof EVENT_METHODS)[E]]: (listener: (payload: Events[E]) => void) => Unsubscribe };
};

/** What a transport must provide to become a StudioApi. */
export interface Transport {
  invoke(op: OperationName, req: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

/** Back-end implementation of every operation; the transports route requests to it. */
export type Handlers = { [K in OperationName]: (req: Req<K>) => Promise<Res<K>> };

/** Builds the typed client API over a transport (used by the preload, the browser bridge and the CLI). */
export function buildApi(transport: Transport): StudioApi {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const op of OPERATION_NAMES) {
    const [ns, method] = op.split(':') as [string, string];
    api[ns] ??= {};
    api[ns][method] = (req?: unknown) => transport.invoke(op, req);
  }
  for (const [event, method] of Object.entries(EVENT_METHODS)) {
    api.events[method] = (listener: (payload: unknown) => void) => transport.subscribe(event as EventName, listener);
  }
  return api as unknown as StudioApi;
}

/** True when a string names an operation of the contract (transports reject anything else). */
export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
