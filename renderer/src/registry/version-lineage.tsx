/** Where a version comes from: its dataset and fingerprint, run, preset, inputs and outputs, training period and software. */
import type { ReactNode } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import type { ModelVersionDetail } from '../../../shared/registry/types';
import { fmtLocalDate, fmtSteps, fmtTimeValue } from '../common/format';
import type { Route } from '../common/route';

/** The lineage card; links open the dataset and the run when they are still in this project. */
export function VersionLineage({ d, datasets, navigate }: { d: ModelVersionDetail; datasets: DatasetSummary[] | null; navigate: (r: Route) => void }) {
  const l = d.lineage;
  const dataset = l.datasetId !== null ? datasets?.find((x) => x.id === l.datasetId) : undefined;
  const period = d.dataPeriod;
  const rows: [string, ReactNode, string?][] = [
    [
      'Dataset',
      dataset ? (
        <button type="button" className="link" onClick={() => navigate({ page: 'dataset', id: dataset.id })} data-testid="lineage-dataset">
          {l.datasetName}
        </button>
      ) : (
        <span data-testid="lineage-dataset">
          {l.datasetName}
          {l.datasetId === null || !datasets ? '' : ' (no longer in this project)'}
        </span>
      ),
    ],
    ['Fingerprint', <span className="mono fingerprint-full" title="SHA-256 of the training dataset's source file" data-testid="lineage-fingerprint">{l.fingerprint || '—'}</span>],
    [
      'Run',
      l.runInProject ? (
        <button type="button" className="link mono" onClick={() => navigate({ page: 'run', id: l.runId })} data-testid="lineage-run">
          {l.runId.slice(0, 8)}
        </button>
      ) : (
        <span className="mono" title="The run was recorded in another project">
          {l.runId.slice(0, 8) || '—'}
        </span>
      ),
      l.runId,
    ],
    ['Source', l.source === 'trained' ? 'trained here' : l.source === 'imported' ? 'imported from an export file' : 'Keras model (converted)'],
    ['Preset', l.preset ?? 'custom config'],
    ['Inputs', `${d.featureNames.join(', ')} · window ${fmtSteps(d.window)}`],
    ['Predicts', d.task === 'classify' ? `${d.classNames.length} classes: ${d.classNames.join(', ')}` : `${d.targetNames.join(', ')}${d.task === 'forecast' ? `, ${fmtSteps(d.horizon)} ahead` : ''}`],
    ['Training data', period ? `${fmtTimeValue(period.start, period.kind)} – ${fmtTimeValue(period.end, period.kind)}` : 'period not recorded'],
    ['Software', `LSTM Studio ${d.appVersion} · TensorFlow.js ${d.tfjsVersion}`],
  ];
  if (l.importedFrom) {
    rows.push(['Imported', `${l.importedFrom.file} (${l.importedFrom.name} v${l.importedFrom.version} there), ${fmtLocalDate(l.importedFrom.at)}`]);
  }
  return (
    <section className="card" data-testid="version-lineage">
      <div className="card-header">
        <h2 className="card-title">Lineage</h2>
      </div>
      <table className="table compact lineage-table">
        <tbody>
          {rows.map(([k, v, title]) => (
            <tr key={k}>
              <td className="muted nowrap">{k}</td>
              <td title={title}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
