/** One dataset: header (rename, delete), summary, chart, column profile, entities and gaps. */
import { useCallback, useRef, useState } from 'react';
import { ColumnProfileTable } from './column-profile-table';
import { DatasetHeader } from './dataset-header';
import { useDatasetDetail } from './dataset-queries';
import { EntitiesTable } from './entities-table';
import { GapsList } from './gaps-list';
import { AlertIcon } from '../common/icons';
import { SeriesPanel } from './series-panel';
import { SummaryCards } from './summary-cards';
import { PlayIcon } from '../common/train-icons';

/** Loads a dataset's detail and lays out its sections. */
export function DatasetPage({
  id,
  onBack,
  onTrain,
  onDeleted,
}: {
  id: number;
  onBack: () => void;
  /** Opens the Configure page for this dataset. */
  onTrain: () => void;
  onDeleted: () => void;
}) {
  const { detail, failed } = useDatasetDetail(id);
  // The entity charted: the first one until the user picks another.
  const [picked, setEntity] = useState<number | null>(null);
  const entity = picked ?? detail?.entities[0]?.index ?? 0;
  const chartRef = useRef<HTMLDivElement>(null);
  // Picking an entity in the table (below the chart) brings the chart into view.
  const showEntity = useCallback((index: number) => {
    setEntity(index);
    chartRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);


  if (!detail) {
    return (
      <div className="page" data-testid="dataset-page-loading">
        <div className="placeholder">
          {failed ? (
            <>
              This dataset could not be opened.{' '}
              <button type="button" className="link" onClick={onBack}>
                Back to datasets
              </button>
            </>
          ) : (
            'Loading dataset…'
          )}
        </div>
      </div>
    );
  }

  const s = detail.summary;
  return (
    <div className="page" data-testid="dataset-page">
      <div className="header-row">
        <DatasetHeader summary={s} onBack={onBack} onDeleted={onDeleted} />
        <button type="button" className="button primary" onClick={onTrain} data-testid="train-dataset-button">
          <PlayIcon />
          Train a model
        </button>
      </div>
      {detail.warnings.length > 0 && (
        <div className="alert alert-warning" data-testid="dataset-warnings">
          <AlertIcon />
          <ul>
            {detail.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <SummaryCards detail={detail} />
      <div ref={chartRef} className="scroll-anchor">
        <SeriesPanel detail={detail} entity={entity} onEntity={setEntity} />
      </div>
      <ColumnProfileTable columns={detail.columns} />
      {detail.entities.length > 1 && (
        <EntitiesTable entities={detail.entities} timeKind={s.timeKind} selected={entity} onSelect={showEntity} />
      )}
      {detail.largestGaps.length > 0 && <GapsList gaps={detail.largestGaps} timeKind={s.timeKind} showEntity={detail.entities.length > 1} />}
    </div>
  );
}
