/**
 * What each operation's request must hold, checked before any handler runs (requests over HTTP and IPC
 * are untyped): the required fields and their kinds, and the fields that name a file on the back end.
 */
import type { OperationName, Req } from './api';

/**
 * The request fields that name a file or folder on the back end's machine, per operation. Browser
 * mode and the desktop app check each against the folders they may use; the CLI takes any path.
 */
export const PATH_FIELDS = {
  'datasets:preview': ['path'],
  'datasets:import': ['path'],
  'models:export': ['path'],
  'models:import': ['path'],
  'models:importKeras': ['path'],
  'reports:create': ['path', 'tablesDir'],
  'reports:show': ['path'],
} as const satisfies { [K in OperationName]?: readonly (keyof Req<K> & string)[] };

/** What a required request field must be: text (not empty), a finite number, a list or an object. */
export type FieldKind = 'text' | 'number' | 'list' | 'object';

/**
 * The fields each operation's request must carry, and their kind: checked before the handler runs
 * (requests over HTTP and IPC are untyped), so a missing or mistyped field is the caller's error
 * naming the field, never an internal one.
 */
export const REQUIRED_FIELDS: { [K in OperationName]?: { [F in keyof Req<K> & string]?: FieldKind } } = {
  'datasets:get': { id: 'number' },
  'datasets:preview': { path: 'text' },
  'datasets:import': { jobId: 'text', path: 'text' },
  'datasets:rename': { id: 'number', name: 'text' },
  'datasets:delete': { id: 'number' },
  'datasets:series': { datasetId: 'number', entity: 'number', columns: 'list' },
  'jobs:cancel': { jobId: 'text' },
  'training:estimate': { datasetId: 'number' },
  'training:start': { runId: 'text', datasetId: 'number' },
  'runs:get': { id: 'text' },
  'evaluation:run': { model: 'text', datasetId: 'number' },
  'forecast:run': { model: 'text', datasetId: 'number' },
  'risk:run': { model: 'text', datasetId: 'number' },
  'explain:run': { model: 'text', datasetId: 'number' },
  'predictions:run': { model: 'text', datasetId: 'number' },
  'models:get': { ref: 'text' },
  'models:update': { name: 'text', version: 'number' },
  'models:gates': { name: 'text', version: 'number' },
  'models:deploy': { name: 'text', version: 'number' },
  'models:rollback': { name: 'text' },
  'models:history': { name: 'text' },
  'models:compare': { a: 'text', b: 'text' },
  'models:delete': { name: 'text', version: 'number' },
  'models:policy': { name: 'text' },
  'models:setPolicy': { name: 'text', policy: 'object' },
  'models:export': { ref: 'text' },
  'models:exportData': { ref: 'text' },
  'models:import': { path: 'text' },
  'models:importKeras': { path: 'text', name: 'text', datasetId: 'number', features: 'list', targets: 'list' },
  'drift:run': { model: 'text', datasetId: 'number' },
  'drift:history': { name: 'text' },
  'drift:get': { id: 'number' },
  'reports:show': { path: 'text' },
  'scoring:run': { model: 'text', datasetId: 'number' },
  'scoring:get': { id: 'text' },
  'scoring:file': { id: 'text' },
  'serving:predict': { model: 'text', datasetId: 'number' },
};

/** Why a request field is not of its kind, or null when it is. */
export function fieldProblem(value: unknown, kind: FieldKind): string | null {
  const ok =
    kind === 'text' ? typeof value === 'string' && value.trim() !== ''
    : kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : kind === 'list' ? Array.isArray(value)
    : value !== null && typeof value === 'object' && !Array.isArray(value);
  if (ok) return null;
  const want = kind === 'text' ? 'text' : kind === 'number' ? 'a number' : kind === 'list' ? 'a list' : 'an object';
  return value === undefined ? `is missing (${want} is needed)` : `must be ${want}, not ${JSON.stringify(value)?.slice(0, 40) ?? typeof value}`;
}

type PathOperation = { [K in OperationName]: 'path' extends keyof Req<K> ? K : 'tablesDir' extends keyof Req<K> ? K : never }[OperationName];
const pathFieldsAreComplete: [Exclude<PathOperation, keyof typeof PATH_FIELDS>] extends [never] ? true : never = true;
void pathFieldsAreComplete;
