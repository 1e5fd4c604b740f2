/**
 * The reference side of the benchmark: scripts/bench/reference.py under a Python that has PyTorch
 * (model part) or pandas (CSV part). Threads are pinned so the two cores are not oversubscribed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchConvBlock, CsvFigures, ModelFigures, ModelWorkload } from './workload';

/** The repository's scripts/bench/reference.py (only in a source checkout, not in the packaged app). */
export function referenceScript(root: string): string | null {
  const file = path.join(root, 'scripts', 'bench', 'reference.py');
  return fs.existsSync(file) ? file : null;
}

/** The first Python (LSTM_STUDIO_PYTHON, Debian's /usr/bin/python3, then python3 on PATH) that imports `module`. */
export function findPython(module: 'torch' | 'pandas', env: NodeJS.ProcessEnv): string | null {
  const candidates = [env.LSTM_STUDIO_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  for (const python of [...new Set(candidates)]) {
    const probe = spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * The reference process's environment: one BLAS/OpenMP thread (torch.set_num_threads does the rest;
 * 2 torch threads measured slower here), and without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, which some
 * machines set to work around old OpenBLAS builds and which slow a current one by 10-15%.
 */
export function referenceEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete out.OPENBLAS_CORETYPE;
  delete out.OPENBLAS_L2_SIZE;
  return out;
}

/** Runs the reference model part. */
export function referenceModel(python: string, script: string, w: ModelWorkload, env: NodeJS.ProcessEnv): ModelFigures {
  const args = [
    'model',
    `--samples=${w.samples}`,
    `--window=${w.window}`,
    `--features=${w.features}`,
    `--units=${w.units.join(',')}`,
    `--batch=${w.batchSize}`,
    `--warmup=${w.warmupBatches}`,
    `--latency-runs=${w.latencyRuns}`,
    `--predict-samples=${Math.min(w.predictSamples, w.samples)}`,
    `--predict-runs=${w.predictRuns}`,
    '--threads=1',
    `--seed=${w.seed}`,
    ...(w.conv ? [`--conv=${blocksText(w.conv)}`] : []),
    ...(w.fcn ? [`--fcn=${blocksText(w.fcn)}`] : []),
  ];
  return runJson(python, [script, ...args], referenceEnv(env)) as ModelFigures;
}

/** Blocks as reference.py reads them: "64x5,64x5p2". */
function blocksText(blocks: BenchConvBlock[]): string {
  return blocks.map((b) => `${b.filters}x${b.kernel}${b.pool > 1 ? `p${b.pool}` : ''}`).join(',');
}

/** Runs the reference CSV part (pandas.read_csv) on `file`, optionally parsing `parseDates` as datetimes. */
export function referenceCsv(python: string, script: string, file: string, env: NodeJS.ProcessEnv, parseDates?: string): CsvFigures {
  return runJson(python, [script, 'csv', file, ...(parseDates ? [`--parse-dates=${parseDates}`] : [])], referenceEnv(env)) as CsvFigures;
}

/** Runs a command that prints one JSON object on stdout; throws with its stderr when it fails. */
export function runJson(command: string, args: string[], env: NodeJS.ProcessEnv): unknown {
  const run = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.error) throw new Error(`${path.basename(command)} ${args[1] ?? args[0]}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${path.basename(command)} ${args.slice(0, 2).join(' ')} failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}
