/** Minimal state-based routing, mirrored in the URL hash so a reload stays on the same page. */
import { useCallback, useEffect, useState } from 'react';

/** The pages of the app. */
export type Route = { page: 'datasets' } | { page: 'dataset'; id: number };

/** Parses "#/datasets/3" into a route; anything unknown is the datasets list. */
export function parseHash(hash: string): Route {
  const m = /^#\/datasets\/(\d+)$/.exec(hash);
  if (m) return { page: 'dataset', id: Number(m[1]) };
  return { page: 'datasets' };
}

/** Formats a route as a hash: the inverse of parseHash. */
export function routeHash(route: Route): string {
  return route.page === 'dataset' ? `#/datasets/${route.id}` : '#/datasets';
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
