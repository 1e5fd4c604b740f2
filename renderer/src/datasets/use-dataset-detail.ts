/** Loads a dataset's details (columns, entities) for the id given; null while loading or for no id. */
import { useEffect, useState } from 'react';
import type { DatasetDetail } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';

/** The details of dataset `datasetId`, re-read when the id changes; a failure is reported as `context`. */
export function useDatasetDetail(datasetId: number | null, context = 'Opening the dataset'): DatasetDetail | null {
  const report = useReportError();
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  useEffect(() => {
    if (datasetId === null) return;
    let stale = false;
    getApi()
      .datasets.get({ id: datasetId })
      .then(
        (d) => !stale && setDetail(d),
        (err) => !stale && report(context, err),
      );
    return () => {
      stale = true;
    };
  }, [datasetId, context, report]);
  // A detail of the previous id is not shown while the new one loads.
  return detail && detail.summary.id === datasetId ? detail : null;
}
