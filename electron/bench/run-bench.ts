/**
 * `lstm-studio bench`: our engine on the active backend beside a PyTorch (model) and pandas (CSV)
 * reference of the same work, in one run on this machine. Every part runs in a fresh child process
 * so its peak RSS is its own; with `repeat` > 1 the parts alternate and medians are reported.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './measure';
import { findPython, referenceCsv, referenceModel, referenceScript, runJson } from './reference';
import { BENCH_PARTS, CNN_LSTM_MODEL, LSTM_FCN_MODEL, QUICK_CSV, QUICK_LAYERS, QUICK_MODEL, REFERENCE_CSV, REFERENCE_MODEL, type BenchPart, type CsvFigures, type CsvWorkload, type ModelFigures, type ModelWorkload } from './workload';

/** Which parts to run and how. */
export interface BenchOptions {
  /** A tiny workload that checks the plumbing (its figures mean nothing). */
  quick?: boolean;
  /** Runs of each part; medians are reported (default 1). */
  repeat?: number;
  /** model: the recurrent workload; layers: the CNN-LSTM and LSTM-FCN workloads (training throughput); csv: the import. */
  parts?: BenchPart[];
  /** false: our engine only. */
  reference?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Progress lines (which part runs now). */
  log?: (line: string) => void;
}

/** The convolutional workloads by their row name. */
const LAYER_WORKLOADS: [string, ModelWorkload][] = [
  ['CNN-LSTM', CNN_LSTM_MODEL],
  ['LSTM-FCN', LSTM_FCN_MODEL],
];

/** One row of the table: ratio = ours / reference. */
export interface BenchResult {
  name: string;
  ours: number | null;
  reference: number | null;
  unit: string;
  ratio: number | null;
  /** Which way is better for this figure. */
  better: 'higher' | 'lower';
}

/** The machine the figures were measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  node: string;
  /** 1-minute load average at the start and at the end of the run (other work on the machine skews figures). */
  loadAverage: [number, number];
}

/** What `bench --json` prints. */
export interface BenchReport {
  machine: MachineInfo;
  backend: string;
  results: BenchResult[];
  engines: { ours: string[]; reference: string[] };
  workload: { model: ModelWorkload; layers: ModelWorkload[]; csv: CsvWorkload; repeat: number };
  notes: string[];
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Runs the benchmark and returns its report. */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const parts = options.parts ?? [...BENCH_PARTS];
  const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  const model = options.quick ? QUICK_MODEL : REFERENCE_MODEL;
  const csv = options.quick ? QUICK_CSV : REFERENCE_CSV;
  const layers = LAYER_WORKLOADS.map(([name, w], i): [string, ModelWorkload] => [name, options.quick ? QUICK_LAYERS[i] : w]);
  const modelParts = parts.includes('model') || parts.includes('layers');
  const notes: string[] = [];
  const loadStart = os.loadavg()[0];

  const script = options.reference === false ? null : referenceScript(ROOT);
  if (options.reference !== false && !script) notes.push('Reference skipped: scripts/bench/reference.py is only in a source checkout of LSTM Studio.');
  const torch = script && modelParts ? findPython('torch', env) : null;
  if (script && modelParts && !torch) notes.push('PyTorch reference skipped: no python3 with torch found (Debian: apt-get install python3-torch; or set LSTM_STUDIO_PYTHON).');
  const pandas = script && parts.includes('csv') ? findPython('pandas', env) : null;
  if (script && parts.includes('csv') && !pandas) notes.push('pandas reference skipped: no python3 with pandas found (Debian: apt-get install python3-pandas; or set LSTM_STUDIO_PYTHON).');
  const csvFile = parts.includes('csv') ? sensorCsv(csv, log, notes) : null;

  const ours = { model: [] as ModelFigures[], csv: [] as CsvFigures[], layers: layers.map(() => [] as ModelFigures[]) };
  const ref = { model: [] as ModelFigures[], csv: [] as CsvFigures[], csvDates: [] as CsvFigures[], layers: layers.map(() => [] as ModelFigures[]) };
  for (let r = 1; r <= repeat; r++) {
    const of = repeat > 1 ? ` (${r}/${repeat})` : '';
    if (parts.includes('model')) {
      log(`model: our engine${of}`);
      ours.model.push(child(['model', JSON.stringify(model)], env) as ModelFigures);
      if (torch && script) {
        log(`model: PyTorch reference${of}`);
        ref.model.push(referenceModel(torch, script, model, env));
      }
    }
    if (parts.includes('layers')) {
      layers.forEach(([name, w], i) => {
        log(`layers: our engine, ${name}${of}`);
        ours.layers[i].push(child(['model', JSON.stringify(w)], env) as ModelFigures);
        if (torch && script) {
          log(`layers: PyTorch reference, ${name}${of}`);
          ref.layers[i].push(referenceModel(torch, script, w, env));
        }
      });
    }
    if (csvFile) {
      log(`csv: our importer${of}`);
      ours.csv.push(child(['csv', csvFile], env) as CsvFigures);
      if (pandas && script) {
        log(`csv: pandas reference${of}`);
        ref.csv.push(referenceCsv(pandas, script, csvFile, env));
        ref.csvDates.push(referenceCsv(pandas, script, csvFile, env, 'timestamp'));
      }
    }
  }

  const results: BenchResult[] = [];
  const add = (name: string, unit: string, better: BenchResult['better'], a: number | null, b: number | null) =>
    results.push({ name, unit, better, ours: a, reference: b, ratio: a !== null && b !== null && b > 0 ? a / b : null });
  const pick = <T>(list: T[], key: keyof T): number | null => (list.length > 0 ? median(list.map((f) => Number(f[key]))) : null);
  if (parts.includes('model')) {
    add('training throughput', 'samples/s', 'higher', pick(ours.model, 'trainSamplesPerSecond'), pick(ref.model, 'trainSamplesPerSecond'));
    add(`single-sequence latency (median of ${model.latencyRuns})`, 'ms', 'lower', pick(ours.model, 'latencyMs'), pick(ref.model, 'latencyMs'));
    add(`batch inference (${model.predictSamples} sequences)`, 'samples/s', 'higher', pick(ours.model, 'predictSamplesPerSecond'), pick(ref.model, 'predictSamplesPerSecond'));
    add('peak RSS, model part', 'MB', 'lower', pick(ours.model, 'peakRssMb'), pick(ref.model, 'peakRssMb'));
  }
  if (csvFile) {
    // Our importer also parses the times, profiles every column and stores it in SQLite: read_csv is
    // shown as it is (times left as text) and with the time column parsed, as ours does.
    add(`CSV import (${csv.megabytes} MB), vs read_csv`, 'MB/s', 'higher', pick(ours.csv, 'mbPerSecond'), pick(ref.csv, 'mbPerSecond'));
    add(`CSV import (${csv.megabytes} MB), vs read_csv parsing times`, 'MB/s', 'higher', pick(ours.csv, 'mbPerSecond'), pick(ref.csvDates, 'mbPerSecond'));
    add('peak RSS, CSV import', 'MB', 'lower', pick(ours.csv, 'peakRssMb'), pick(ref.csv, 'peakRssMb'));
  }
  if (parts.includes('layers')) {
    layers.forEach(([name, w], i) => {
      const shape = `${w.window} x ${w.features}, batch ${w.batchSize}`;
      add(`training throughput, ${name} (${shape})`, 'samples/s', 'higher', pick(ours.layers[i], 'trainSamplesPerSecond'), pick(ref.layers[i], 'trainSamplesPerSecond'));
    });
  }
  const engines = (list: { engine: string }[]) => [...new Set(list.map((f) => f.engine))];
  const oursEngines = engines([...ours.model, ...ours.layers.flat(), ...ours.csv]);
  return {
    machine: machineInfo([loadStart, os.loadavg()[0]]),
    backend: (ours.model[0] ?? ours.layers[0][0])?.backend ?? 'n/a (model part not run)',
    results,
    engines: { ours: oursEngines, reference: engines([...ref.model, ...ref.layers.flat(), ...ref.csv, ...ref.csvDates]) },
    workload: { model, layers: layers.map(([, w]) => w), csv, repeat },
    notes,
  };
}

/** Runs one of our parts in a fresh Node process (bench-child.js). */
function child(args: string[], env: NodeJS.ProcessEnv): unknown {
  return runJson(process.execPath, [path.join(__dirname, 'bench-child.js'), ...args], { ...env, ELECTRON_RUN_AS_NODE: '1' });
}

/** The generated sensor CSV of the workload's size, made once and kept in the temp folder. */
function sensorCsv(w: CsvWorkload, log: (line: string) => void, notes: string[]): string | null {
  const generator = path.join(ROOT, 'scripts', 'make-sensor-csv.js');
  const file = path.join(os.tmpdir(), 'lstm-studio-bench', `sensor-${w.megabytes}mb-${w.assets}.csv`);
  if (fs.existsSync(file)) return file;
  if (!fs.existsSync(generator)) {
    notes.push('CSV part skipped: scripts/make-sensor-csv.js is only in a source checkout of LSTM Studio.');
    return null;
  }
  log(`csv: generating a ${w.megabytes} MB sensor file (once) at ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(process.execPath, [generator, file, String(w.megabytes), String(w.assets)], { stdio: 'ignore' });
  return file;
}

function machineInfo(loadAverage: [number, number]): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.arch()}`,
    node: process.version,
    loadAverage: [round2(loadAverage[0]), round2(loadAverage[1])],
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
