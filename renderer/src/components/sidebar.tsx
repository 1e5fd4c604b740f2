/** The left sidebar: product name, navigation and quick links to datasets. */
import type { DatasetSummary } from '../../../shared/dataset';
import type { Route } from '../route';
import { ChartIcon, DatabaseIcon, LogoIcon } from './icons';

const QUICK_LINKS = 12;

/** Renders the sidebar; highlights the current page and lists datasets for quick switching. */
export function Sidebar({
  route,
  navigate,
  datasets,
}: {
  route: Route;
  navigate: (r: Route) => void;
  datasets: DatasetSummary[] | null;
}) {
  const shown = (datasets ?? []).slice(0, QUICK_LINKS);
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="brand">
        <LogoIcon />
        <div>
          <div className="brand-name">LSTM Studio</div>
          <div className="brand-sub">Sensor time series</div>
        </div>
      </div>
      <nav className="nav" aria-label="Main">
        <div className="nav-section">Data</div>
        <button
          type="button"
          className={`nav-item${route.page === 'datasets' ? ' active' : ''}`}
          onClick={() => navigate({ page: 'datasets' })}
          data-testid="nav-datasets"
          aria-current={route.page === 'datasets' ? 'page' : undefined}
        >
          <DatabaseIcon />
          <span>Datasets</span>
          {datasets && <span className="nav-count">{datasets.length}</span>}
        </button>
        {shown.length > 0 && (
          <div className="nav-sub">
            {shown.map((d) => {
              const active = route.page === 'dataset' && route.id === d.id;
              return (
                <button
                  type="button"
                  key={d.id}
                  className={`nav-subitem${active ? ' active' : ''}`}
                  onClick={() => navigate({ page: 'dataset', id: d.id })}
                  title={d.name}
                  aria-current={active ? 'page' : undefined}
                >
                  <ChartIcon />
                  <span className="ellipsis">{d.name}</span>
                </button>
              );
            })}
          </div>
        )}
      </nav>
    </aside>
  );
}
