/** Minimal state-based routing, mirrored in the URL hash so a reload stays on the same page. */
import { useCallback, useEffect, useState } from 'react';

/** The pages of the app. */
export type Route =
  | { page: 'datasets' }
  | { page: 'dataset'; id: number }
  | { page: 'configure'; datasetId: number | null }
  | { page: 'training'; runId: string }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  | AnalysisRoute;

/** The analysis pages: what they show, for which model (`NAME@VERSION`) and dataset (null: the defaults). */
export type AnalysisView = 'evaluate' | 'forecast' | 'explain' | 'risk';
export interface AnalysisRoute {
  page: 'analysis';
  view: AnalysisView;
  model: string | null;
  datasetId: number | null;
}

const ANALYSIS_VIEWS: readonly AnalysisView[] = ['evaluate', 'forecast', 'explain', 'risk'];

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

/** Parses "#/datasets/3", "#/train/3", "#/training/<run>", "#/runs/<run>", "#/evaluate?model=..." into a route; anything unknown is the datasets list. */
export function parseHash(hash: string): Route {
  let m = /^#\/datasets\/(\d+)$/.exec(hash);
  if (m) return { page: 'dataset', id: Number(m[1]) };
  m = /^#\/train(?:\/(\d+))?$/.exec(hash);
  if (m) return { page: 'configure', datasetId: m[1] ? Number(m[1]) : null };
  m = /^#\/training\/([\w-]+)$/.exec(hash);
  if (m) return { page: 'training', runId: m[1] };
  if (hash === '#/runs') return { page: 'runs' };
  m = /^#\/runs\/([\w-]+)$/.exec(hash);
  if (m) return { page: 'run', id: m[1] };
  return parseAnalysis(hash) ?? { page: 'datasets' };
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
    case 'run':
      return `#/runs/${route.id}`;
    case 'analysis':
      return analysisHash(route);
    default:
      return '#/datasets';
  }
}

/** Returns the current route and a function to navigate; browser back/forward work through the hash. */
export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);
  const navigate = useCallback((r: Route) => {
    const hash = routeHash(r);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    setRoute(r);
  }, []);
  return [route, navigate];
}
