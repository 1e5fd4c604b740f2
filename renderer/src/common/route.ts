/** The app's routes and their URL hashes (`#/datasets/3`), parsed and formatted. Pure: unit-tested without a browser. */

/** The pages of the app. */
export type Route =
  | { page: 'datasets' }
  | { page: 'dataset'; id: number }
  | { page: 'configure'; datasetId: number | null }
  | { page: 'training'; runId: string }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  | ModelsRoute
  /** Serving and monitoring of the versions in service. */
  | { page: 'monitoring' }
  | AnalysisRoute;

/** The Models page: the registry (no name), one model, one of its versions, or two versions compared. */
export interface ModelsRoute {
  page: 'models';
  name: string | null;
  version: number | null;
  compare: { a: number; b: number } | null;
}

/** The Models page on the registry list, one model, or one version. */
export function modelsRoute(name: string | null = null, version: number | null = null): ModelsRoute {
  return { page: 'models', name, version, compare: null };
}

/** The analysis pages: what they show, for which model (`NAME@VERSION`) and dataset (null: the defaults). */
export type AnalysisView = 'evaluate' | 'forecast' | 'explain' | 'risk' | 'drift' | 'score';
export interface AnalysisRoute {
  page: 'analysis';
  view: AnalysisView;
  model: string | null;
  datasetId: number | null;
}

const ANALYSIS_VIEWS: readonly AnalysisView[] = ['evaluate', 'forecast', 'explain', 'risk', 'drift', 'score'];

/** Reads "#/forecast?model=pumps%401&data=3" (the query part is optional). */
function parseAnalysis(hash: string): AnalysisRoute | null {
  const m = /^#\/(\w+)(?:\?(.*))?$/.exec(hash);
  if (!m || !ANALYSIS_VIEWS.includes(m[1] as AnalysisView)) return null;
  const q = new URLSearchParams(m[2] ?? '');
  const data = Number(q.get('data'));
  return { page: 'analysis', view: m[1] as AnalysisView, model: q.get('model') || null, datasetId: Number.isInteger(data) && data > 0 ? data : null };
}

/** The hash of an analysis page: the inverse of parseAnalysis. */
function analysisHash(r: AnalysisRoute): string {
  const q = new URLSearchParams();
  if (r.model) q.set('model', r.model);
  if (r.datasetId !== null) q.set('data', String(r.datasetId));
  const query = q.toString();
  return `#/${r.view}${query ? `?${query}` : ''}`;
}

/** Reads "#/models", "#/models/NAME", "#/models/NAME/v2" and "#/models/NAME/compare/1/2". */
function parseModels(hash: string): ModelsRoute | null {
  if (hash === '#/models') return modelsRoute();
  const m = /^#\/models\/([^/]+)(?:\/v(\d+)|\/compare\/(\d+)\/(\d+))?$/.exec(hash);
  if (!m) return null;
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  if (m[3]) return { page: 'models', name, version: null, compare: { a: Number(m[3]), b: Number(m[4]) } };
  return modelsRoute(name, m[2] ? Number(m[2]) : null);
}

/** The hash of a Models route: the inverse of parseModels. */
function modelsHash(r: ModelsRoute): string {
  if (r.name === null) return '#/models';
  const base = `#/models/${encodeURIComponent(r.name)}`;
  if (r.compare) return `${base}/compare/${r.compare.a}/${r.compare.b}`;
  return r.version === null ? base : `${base}/v${r.version}`;
}

/** Parses "#/datasets/3", "#/train/3", "#/training/<run>", "#/runs/<run>", "#/evaluate?model=..." into a route; anything unknown is the datasets list. */
export function parseHash(hash: string): Route {
  let m = /^#\/datasets\/(\d+)$/.exec(hash);
  if (m) return { page: 'dataset', id: Number(m[1]) };
  m = /^#\/train(?:\/(\d+))?$/.exec(hash);
  if (m) return { page: 'configure', datasetId: m[1] ? Number(m[1]) : null };
  m = /^#\/training\/([\w-]+)$/.exec(hash);
  if (m) return { page: 'training', runId: m[1] };
  if (hash === '#/runs') return { page: 'runs' };
  if (hash === '#/monitoring') return { page: 'monitoring' };
  m = /^#\/runs\/([\w-]+)$/.exec(hash);
  if (m) return { page: 'run', id: m[1] };
  return parseModels(hash) ?? parseAnalysis(hash) ?? { page: 'datasets' };
}

/** Formats a route as a hash: the inverse of parseHash. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'dataset':
      return `#/datasets/${route.id}`;
    case 'configure':
      return route.datasetId === null ? '#/train' : `#/train/${route.datasetId}`;
    case 'training':
      return `#/training/${route.runId}`;
    case 'runs':
      return '#/runs';
    case 'monitoring':
      return '#/monitoring';
    case 'run':
      return `#/runs/${route.id}`;
    case 'models':
      return modelsHash(route);
    case 'analysis':
      return analysisHash(route);
    default:
      return '#/datasets';
  }
}
