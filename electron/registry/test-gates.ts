/**
 * Test-split metrics for the gates: the candidate evaluated on its training dataset's held-out
 * test split, and the version in service on the same dataset (its own test split when it was
 * trained on the same data), each in an analysis worker.
 */
import type { AppContext } from '../app/context';
import type { EvaluationReport } from '../../shared/evaluation/analysis-types';
import { gateMetricsOf } from '../../shared/registry/report-metrics';
import { checkAliasName } from '../../shared/registry/model-ref';
import type { JobHandle } from '../app/job-registry';
import { runWorkerJob } from '../jobs/worker-job';
import { getModel } from '../store/models-repo';
import { DEFAULT_ALIAS, inServiceVersion, type TestMetrics } from './deploy';
import { datasetWithFingerprint } from './portable';
import { versionDetail } from './version-detail';

/**
 * Evaluates the candidate (and the version in service) on the candidate's test split. When the
 * training dataset is not in this project, `candidate` is null and the notes say so.
 */
export async function measureOnTest(ctx: AppContext, req: { name: string; version: number; alias?: string }, job: JobHandle, progress: (phase: string, fraction: number | null) => void): Promise<TestMetrics> {
  const notes: string[] = [];
  const { db } = ctx;
  const candidate = versionDetail(db, getModel(db, req.name, req.version));
  const datasetId = datasetWithFingerprint(db, candidate.lineage.fingerprint);
  if (datasetId === 0) {
    notes.push(`The gates read the stored validation metrics: the training data of v${req.version} (${candidate.lineage.datasetName}) is not in this project, so its test split cannot be scored.`);
    return { candidate: null, baselineLabel: null, inService: null, notes };
  }
  const evaluate = (version: number, share: [number, number]): Promise<EvaluationReport> =>
    runWorkerJob(ctx, 'evaluation:run', { model: `${req.name}@${version}`, datasetId }, job, ({ phase, fraction: f }) => progress(`v${version}: ${phase}`, f === null ? null : share[0] + f * (share[1] - share[0])));
  const current = inServiceVersion(db, req.name, req.version, checkAliasName(req.alias ?? DEFAULT_ALIAS));
  const own = await evaluate(req.version, [0, current === null ? 1 : 0.5]);
  const { metrics, baseline } = gateMetricsOf(own);
  if (current === null) return { candidate: metrics, baselineLabel: baseline, inService: null, notes };
  const theirs = await evaluate(current, [0.5, 1]);
  const inServiceOn =
    theirs.data.split === 'test'
      ? undefined
      : `every window of ${theirs.data.datasetName} (v${current} was trained on other data, so it has no test split there)`;
  return { candidate: metrics, baselineLabel: baseline, inService: gateMetricsOf(theirs).metrics, inServiceOn, notes };
}
