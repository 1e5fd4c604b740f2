/** One dataset: header (rename, delete), summary, chart, column profile, entities and gaps. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DatasetDetail } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { ColumnProfileTable } from './column-profile-table';
import { DatasetHeader } from './dataset-header';
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
  onChanged,
  onDeleted,
}: {
  id: number;
  onBack: () => void;
  /** Opens the Configure page for this dataset. */
  onTrain: () => void;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const report = useReportError();
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const [entity, setEntity] = useState(0);
  const chartRef = useRef<HTMLDivElement>(null);
  // Picking an entity in the table (below the chart) brings the chart into view.
  const showEntity = useCallback((index: number) => {
    setEntity(index);
    chartRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  useEffect(() => {
    let stale = false;
    getApi()
      .datasets.get({ id })
      .then(
        (d) => {
          if (stale) return;
          setDetail(d);
          setEntity(d.entities[0]?.index ?? 0);
        },
        (err) => {
          if (stale) return;
          setFailed(true);
          report('Opening the dataset', err);
        },
      );
    return () => {
      stale = true;
    };
  }, [id, report]);

  const onRenamed = useCallback(
    (name: string) => {
      setDetail((d) => (d ? { ...d, summary: { ...d.summary, name } } : d));
      onChanged();
    },
    [onChanged],
  );

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
        <DatasetHeader summary={s} onBack={onBack} onRenamed={onRenamed} onDeleted={onDeleted} />
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
