#!/usr/bin/env node
/**
 * Measures the classification presets on the UCR problems in ../shared/data as a user would: the CLI
 * imports `NAME_TRAIN.tsv`, trains a preset (validation carved out of TRAIN), and evaluates on
 * `NAME_TEST.tsv`. Beside them, the archive's floors computed here on the same files: 1-nearest-neighbour
 * with Euclidean distance and with (unconstrained) dynamic time warping. Prints a Markdown table.
 * Not part of `npm test` (tens of minutes on 2 cores). Build first: `node scripts/build.js node`.
 *
 *   node scripts/ucr-accuracy.js [--presets classifier,lstm-fcn] [--only GunPoint,Trace] [--set key=value ...] [--json]
 *
 * `--set` (repeatable) is passed to `train` for every preset, e.g. `--set training.seeds=3`.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.resolve(root, '..', 'shared', 'data');
const PROBLEMS = ['ItalyPowerDemand', 'GunPoint', 'ECG200', 'Plane', 'Trace', 'TwoLeadECG', 'SonyAIBORobotSurface2', 'ToeSegmentation1', 'Lightning2'];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Every `--set key=value` given, as `train` arguments. */
function sets() {
  return process.argv.flatMap((a, i) => (a === '--set' ? ['--set', process.argv[i + 1]] : []));
}

function folder(name) {
  return name === 'ItalyPowerDemand' ? path.join(dataDir, 'ucr-italy') : path.join(dataDir, 'ucr', name);
}

/** Rows of a UCR .tsv: the class, then the values. */
function readUcr(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const v = l.trim().split(/\s+/).map(Number);
      return { label: v[0], x: Float64Array.from(v.slice(1)) };
    });
}

function euclidean(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

/** Unconstrained DTW with squared point costs (the UCR archive's "DTW (w=100)"). */
function dtw(a, b) {
  const m = b.length;
  let prev = new Float64Array(m + 1).fill(Infinity);
  let cur = new Float64Array(m + 1);
  prev[0] = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = Infinity;
    for (let j = 1; j <= m; j++) cur[j] = (a[i - 1] - b[j - 1]) ** 2 + Math.min(prev[j], prev[j - 1], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

function oneNN(train, test, distance) {
  let right = 0;
  for (const q of test) {
    let best = Infinity;
    let label = null;
    for (const r of train) {
      const d = distance(q.x, r.x);
      if (d < best) [best, label] = [d, r.label];
    }
    if (label === q.label) right++;
  }
  return right / test.length;
}

function cli(args) {
  return JSON.parse(execFileSync(process.execPath, [path.join(root, 'bin', 'lstm-studio.js'), ...args, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }));
}

/** Trains `preset` on TRAIN and returns its accuracy on TEST and the training time. */
function presetAccuracy(name, preset) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ucr-accuracy-'));
  const file = (split) => path.join(folder(name), `${name}_${split}.tsv`);
  const data = ['--no-header', '--format', 'wide', '--label', 'c1', '--home', home];
  try {
    const trained = cli(['train', '--data', file('TRAIN'), ...data, '--task', 'classify', '--preset', preset, ...sets(), '--name', 'm']);
    const evaluated = cli(['evaluate', '--model', 'm', '--data', file('TEST'), ...data]);
    return { accuracy: evaluated.classification.accuracy, epochs: trained.epochs, seconds: trained.durationMs / 1000 };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function main() {
  const presets = option('--presets', 'classifier,lstm-fcn').split(',').filter(Boolean);
  const only = option('--only', null);
  const rows = [];
  for (const name of only ? only.split(',') : PROBLEMS) {
    const train = readUcr(path.join(folder(name), `${name}_TRAIN.tsv`));
    const test = readUcr(path.join(folder(name), `${name}_TEST.tsv`));
    const row = { name, ed: oneNN(train, test, euclidean), dtw: oneNN(train, test, dtw), presets: {} };
    for (const p of presets) row.presets[p] = presetAccuracy(name, p);
    rows.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
  if (process.argv.includes('--json')) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  const f = (x) => x.toFixed(3);
  const lines = [`| data set | 1-NN ED | 1-NN DTW | ${presets.join(' | ')} |`, `| --- | ---: | ---: |${presets.map(() => ' ---: |').join('')}`];
  for (const r of rows) lines.push(`| ${r.name} | ${f(r.ed)} | ${f(r.dtw)} | ${presets.map((p) => f(r.presets[p].accuracy)).join(' | ')} |`);
  process.stdout.write(lines.join('\n') + '\n');
}

main();
