/**
 * Runs one analysis operation as a plain function (DESIGN 9): opens the model and the dataset,
 * dispatches, and frees the model. The worker, the tests and tools call the same code.
 */
import type Database from 'better-sqlite3';
import { driftVersion } from '../drift/drift-version';
import { gatherReport } from '../reports/gather-report';
import { scoreVersion } from '../scoring/score-version';
import { openAnalysis, type Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import type { WorkerOperation, WorkerReq, WorkerRes } from './analysis-protocol';
import { evaluateVersion } from './evaluate-version';
import { explainVersion } from './explain-version';
import { forecastVersion } from './forecast-version';
import { predictVersion } from './predict-version';
import { riskVersion } from './risk-version';

/** Runners that record what they found (drift checks) or read more of the project (a report's version detail) get the worker's database connection. */
type Runner<K extends WorkerOperation> = (a: Analysis, req: WorkerReq<K>, control: AnalysisControl, db: Database.Database) => Promise<WorkerRes<K>>;

const RUNNERS: { [K in WorkerOperation]: Runner<K> } = {
  'evaluation:run': evaluateVersion,
  'forecast:run': forecastVersion,
  'risk:run': riskVersion,
  'explain:run': explainVersion,
  'predictions:run': predictVersion,
  'drift:run': driftVersion,
  'reports:gather': gatherReport,
  'scoring:run': scoreVersion,
};

/** Runs `op` on the model and dataset its request names. */
export async function runAnalysis<K extends WorkerOperation>(db: Database.Database, op: K, req: WorkerReq<K>, control: AnalysisControl): Promise<WorkerRes<K>> {
  control.step('Loading the model and the data', 0);
  const a = await openAnalysis(db, req.model, req.datasetId);
  try {
    return await (RUNNERS[op] as Runner<K>)(a, req, control, db);
  } finally {
    a.dispose();
  }
}
