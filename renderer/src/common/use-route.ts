/** Minimal state-based routing, mirrored in the URL hash so a reload stays on the same page. */
import { useCallback, useEffect, useState } from 'react';
import { parseHash, routeHash, type Route } from './route';

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
