#!/usr/bin/env node
/**
 * Measures the presets against the naive baselines on public sensor data, with the CLI as a user
 * would run it (train with a preset's defaults, then evaluate or predict). Not part of `npm test`:
 * it trains real models for minutes. Prints a table (or --json) of test-split errors:
 *
 *   node scripts/measure-forecast-targets.js [--sets nab-machine,etth2,nab-ambient,fleet,fleet-rul]
 *     [--presets standard,lightweight,...|all] [--set key=value ...] [--keep DIR]
 *
 * Each preset runs on the sets of the tasks it is made for (`all`: every built-in preset); the
 * others are skipped.
 *
 * - nab-machine / nab-ambient: NAB realKnownCause, `value`, 12 steps, chronological 70/15/15 split;
 *   test MAE from `evaluate` beside its naive baselines (last value, seasonal naive, moving average).
 * - etth2: ETTh2 `OT` alone, 24 steps, the first 14,400 rows split 0.6/0.2/0.2 in time order; MSE and
 *   MAE over every test window on values z-scored with the training rows' mean and standard deviation
 *   (the protocol in ../shared/data/README.md), from `predict` over every window.
 * - fleet: the demo pump fleet, `temperature_c` of each pump from all six sensors, 12 steps, evaluated like NAB.
 * - fleet-rul: the demo pump fleet's remaining useful life (the `rul` task, split by pump), test RMSE
 *   from `evaluate` beside the training mean RUL and the linear regression on the last step.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const data = path.join(root, '..', 'shared', 'data');
const cli = path.join(root, 'bin', 'lstm-studio.js');

/** The data sets: file, target, horizon, split, and how the test error is measured. */
const SETS = {
  'nab-machine': { file: () => path.join(data, 'nab', 'machine_temperature_system_failure.csv'), target: 'value', horizon: 12, measure: 'evaluate' },
  'nab-ambient': { file: () => path.join(data, 'nab', 'ambient_temperature_system_failure.csv'), target: 'value', horizon: 12, measure: 'evaluate' },
  etth2: { file: ettFile, target: 'OT', horizon: 24, split: '0.6,0.2,0.2', season: 24, measure: 'protocol' },
  fleet: { file: fleetFile, target: 'temperature_c', horizon: 12, measure: 'evaluate' },
  'fleet-rul': { file: fleetFile, task: 'rul', measure: 'evaluate' },
};

function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = args.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-targets-'));
  fs.mkdirSync(work, { recursive: true });
  const rows = [];
  const tasksOf = presetTasks(work);
  const presets = args.presets[0] === 'all' ? [...tasksOf.keys()] : args.presets;
  for (const set of args.sets) {
    for (const preset of presets) {
      if (!tasksOf.get(preset)) throw new Error(`Unknown preset '${preset}': use ${[...tasksOf.keys()].join(', ')} or all.`);
      if (!tasksOf.get(preset).includes(taskOf(set))) continue;
      const row = measure(set, preset, args.set, work);
      rows.push(row);
      if (!args.json) console.log(formatRow(row));
    }
  }
  if (args.json) console.log(JSON.stringify(rows, null, 2));
  if (!args.keep) fs.rmSync(work, { recursive: true, force: true });
}

/** Trains one preset on one data set in a fresh home folder and measures its test error. */
function measure(name, preset, extra, work) {
  const spec = SETS[name];
  if (!spec) throw new Error(`Unknown data set '${name}': use ${Object.keys(SETS).join(', ')}.`);
  const home = path.join(work, `${name}-${preset}`);
  fs.rmSync(home, { recursive: true, force: true });
  const file = spec.file(work);
  const flags = ['--data', file, '--task', taskOf(name), '--preset', preset];
  if (spec.target) flags.push('--target', spec.target, '--horizon', String(spec.horizon));
  if (spec.features) flags.push('--features', spec.features);
  if (spec.split) flags.push('--split', spec.split);
  for (const s of extra) flags.push('--set', s);
  const started = Date.now();
  const trained = run(home, ['train', ...flags]);
  const seconds = (Date.now() - started) / 1000;
  const model = `${trained.model.name}@${trained.model.version}`;
  const base = { set: name, preset, epochs: trained.epochs, trainSeconds: Math.round(seconds) };
  if (spec.measure === 'protocol') return { ...base, ...protocolErrors(home, model, file, spec, work) };
  const report = run(home, ['evaluate', '--model', model, '--data', '1']);
  if (report.rul) {
    const r = report.rul;
    const best = r.baselines.reduce((a, b) => (b.rmse < a.rmse ? b : a));
    return { ...base, metric: 'RMSE', model: r.rmse, naive: r.baseline.rmse, naiveName: 'training mean', best: best.rmse, bestName: best.label, modelMae: r.mae, naiveMae: r.baseline.mae };
  }
  const r = report.regression;
  const best = r.baselines.reduce((a, b) => (b.mae < a.mae ? b : a));
  const last = r.baselines.find((b) => b.key === 'last');
  return { ...base, metric: 'MAE', model: r.model.mae, naive: last.mae, naiveName: 'last value', best: best.mae, bestName: best.label, windows: report.data?.windows ?? null };
}

function taskOf(set) {
  if (!SETS[set]) throw new Error(`Unknown data set '${set}': use ${Object.keys(SETS).join(', ')}.`);
  return SETS[set].task ?? 'forecast';
}

/** Each built-in preset's tasks, from `lstm-studio presets`. */
function presetTasks(work) {
  const listed = run(path.join(work, 'presets-home'), ['presets']).presets;
  return new Map(listed.map((p) => [p.name, p.tasks]));
}

/**
 * ETTh2 protocol: predict every window of the 14,400 rows, keep those whose targets all lie in the
 * test rows (the last 20%), and score them on values z-scored with the training rows' statistics.
 */
function protocolErrors(home, model, file, spec, work) {
  const out = path.join(work, 'predict.csv');
  run(home, ['predict', '--model', model, '--data', file, '--out', out], false);
  const series = readSeries(file, spec.target);
  const n = series.values.length;
  const trainEnd = Math.round(n * 0.6);
  const testStart = Math.round(n * 0.8);
  const train = series.values.slice(0, trainEnd);
  const mean = train.reduce((a, b) => a + b, 0) / train.length;
  const std = Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length);
  const z = (v) => (v - mean) / std;
  const rowOf = new Map(series.times.map((t, i) => [t, i]));
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const timeCol = header.indexOf('time');
  const firstYhat = header.indexOf('yhat_1');
  const season = spec.season;
  const acc = { model: { se: 0, ae: 0 }, last: { se: 0, ae: 0 }, seasonal: { se: 0, ae: 0 }, windows: 0 };
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const row = rowOf.get(normaliseTime(cells[timeCol]));
    if (row === undefined) throw new Error(`predict wrote a time that is not in ${file}: ${cells[timeCol]}`);
    if (row + 1 < testStart || row + spec.horizon >= n) continue;
    acc.windows++;
    for (let h = 1; h <= spec.horizon; h++) {
      const actual = z(series.values[row + h]);
      const e = z(Number(cells[firstYhat + h - 1])) - actual;
      const b = z(series.values[row]) - actual;
      // Seasonal naive: the value one season before the target step (always observed by then).
      const sn = z(series.values[row + h - season * Math.ceil(h / season)]) - actual;
      for (const [k, err] of [['model', e], ['last', b], ['seasonal', sn]]) {
        acc[k].se += err * err;
        acc[k].ae += Math.abs(err);
      }
    }
  }
  const count = acc.windows * spec.horizon;
  const mse = (k) => acc[k].se / count;
  const best = mse('seasonal') < mse('last') ? ['seasonal', `Seasonal naive (${season})`] : ['last', 'Last value'];
  return { metric: 'MSE (z)', model: mse('model'), naive: mse('last'), naiveName: 'last value', best: mse(best[0]), bestName: best[1], modelMae: acc.model.ae / count, naiveMae: acc.last.ae / count, windows: acc.windows };
}

function readSeries(file, target) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const col = header.indexOf(target);
  const times = [];
  const values = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    times.push(normaliseTime(cells[0]));
    values.push(Number(cells[col]));
  }
  return { times, values };
}

function normaliseTime(text) {
  const ms = Date.parse(text.includes('T') || text.endsWith('Z') ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? text : ms;
}

function ettFile(work) {
  const out = path.join(work, 'etth2-ot-14400.csv');
  if (!fs.existsSync(out)) {
    const lines = fs.readFileSync(path.join(data, 'ett', 'ETTh2.csv'), 'utf8').trim().split('\n').slice(0, 14401);
    const header = lines[0].split(',');
    const ot = header.indexOf('OT');
    fs.writeFileSync(out, lines.map((l) => { const c = l.split(','); return `${c[0]},${c[ot]}`; }).join('\n') + '\n');
  }
  return out;
}

function fleetFile(work) {
  const out = path.join(work, 'fleet.csv');
  if (!fs.existsSync(out)) execFileSync(process.execPath, [cli, 'demo', '--home', path.join(work, 'demo-home'), '--out', out], { stdio: 'ignore' });
  return out;
}

function run(home, args, json = true) {
  const text = execFileSync(process.execPath, [cli, ...args, '--home', home, ...(json ? ['--json'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  return json ? JSON.parse(text) : text;
}

function formatRow(r) {
  const vsBest = (r.model / r.best - 1) * 100;
  const extra = r.modelMae !== undefined ? ` (MAE ${r.modelMae.toFixed(3)} vs ${r.naiveMae.toFixed(3)})` : '';
  const sign = vsBest < 0 ? '' : '+';
  return `${r.set.padEnd(12)} ${r.preset.padEnd(13)} ${r.metric} model ${r.model.toFixed(4)}  ${r.naiveName} ${r.naive.toFixed(4)}  best baseline ${r.best.toFixed(4)} (${r.bestName})  vs best ${sign}${vsBest.toFixed(1)}%${extra}  epochs ${r.epochs}, ${r.trainSeconds} s`;
}

function parseArgs(argv) {
  const out = { sets: Object.keys(SETS), presets: ['standard', 'lightweight'], set: [], keep: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sets') out.sets = argv[++i].split(',');
    else if (a === '--presets') out.presets = argv[++i].split(',');
    else if (a === '--set') out.set.push(argv[++i]);
    else if (a === '--keep') out.keep = path.resolve(argv[++i]);
    else if (a === '--json') out.json = true;
    else throw new Error(`Unknown option ${a}. Options: --sets, --presets, --set key=value, --keep DIR, --json.`);
  }
  return out;
}

main();
