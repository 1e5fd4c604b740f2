/**
 * Portable models, as users run them: `models export` to one file, `models import` on a fresh home
 * (identical predictions, lineage and training reference kept), refusals of truncated, damaged and
 * foreign files that register nothing, and a Keras model converted to TF.js imported with its inputs mapped.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { loadModel } from '../../electron/engine/model-files';
import { readArchive, writeArchive, type ArchiveHeader } from '../../electron/registry/archive-format';
import { predict } from '../../electron/engine/predict';
import { getReference } from '../../electron/registry/registry-repo';
import { openDatabase } from '../../electron/store/database';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { dataFile, projectRoot, tempDir, writeTemp } from '../helpers/fixtures';
import { writeKerasFixture } from '../helpers/keras-fixture';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
const homeA = tempDir('lstm-export-a-');
const homeB = tempDir('lstm-export-b-');
const work = tempDir('lstm-export-files-');
const exported = path.join(work, 'amb-v1.lsmodel');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(home: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(projectRoot(), 'bin', 'lstm-studio.js'), ...args, '--home', home], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function ok(home: string, args: string[]): Promise<Run> {
  const run = await cli(home, args);
  assert.equal(run.code, 0, `${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
  return run;
}

let trained: { path: string };

before(async () => {
  const out = JSON.parse(
    (await ok(homeA, ['train', '--data', AMBIENT, '--task', 'forecast', '--target', 'value', '--window', '12', '--epochs', '2', '--set', 'recurrent.units=[32]', '--name', 'amb', '--json'])).stdout,
  );
  trained = out.model;
  await ok(homeA, ['models', 'deploy', 'amb@1', '--force', '--reason', 'for the export test']);
});

/** Predictions of the model in `dir` on the validation windows of home A's dataset 1. */
async function predictions(dir: string): Promise<Float32Array> {
  const db = openDatabase(path.join(homeA, 'studio.sqlite'));
  try {
    const { model, metadata } = await loadModel(dir);
    const prepared = prepareTrainingData(db, 1, metadata.config);
    const out = predict(model, prepared.validation.x, prepared.validation.n, prepared.inputShape);
    model.dispose();
    return out;
  } finally {
    db.close();
  }
}

test('export writes one file; import on a fresh home gives identical predictions and keeps the lineage', async () => {
  const exp = JSON.parse((await ok(homeA, ['models', 'export', 'amb:production', '--out', exported, '--json'])).stdout);
  assert.equal(exp.path, exported);
  assert.deepEqual(exp.model, { name: 'amb', version: 1 });
  assert.equal(exp.bytes, fs.statSync(exported).size);
  assert.match(exp.sha256, /^[0-9a-f]{64}$/);
  assert.equal(fs.readFileSync(exported).subarray(0, 18).toString('ascii'), 'LSTM-STUDIO-MODEL\n');

  const imp = JSON.parse((await ok(homeB, ['models', 'import', exported, '--json'])).stdout);
  assert.equal(imp.model.name, 'amb');
  assert.equal(imp.model.version, 1);
  assert.equal(imp.model.source, 'imported');
  assert.equal(imp.model.path, path.join(homeB, 'models', 'amb', 'v1'));

  const a = await predictions(trained.path);
  const b = await predictions(imp.model.path);
  assert.ok(a.length > 500);
  assert.deepEqual(b, a, 'the same predictions, value for value');

  const shown = JSON.parse((await ok(homeB, ['models', 'show', 'amb@1', '--json'])).stdout).model;
  const original = JSON.parse((await ok(homeA, ['models', 'show', 'amb@1', '--json'])).stdout).model;
  assert.deepEqual(shown.metrics, original.metrics);
  assert.equal(shown.createdAt, original.createdAt);
  assert.equal(shown.lineage.fingerprint, original.lineage.fingerprint);
  assert.deepEqual(shown.lineage.config, original.lineage.config);
  assert.deepEqual(shown.lineage.history, original.lineage.history);
  assert.equal(shown.lineage.runInProject, false);
  assert.deepEqual([shown.lineage.importedFrom.name, shown.lineage.importedFrom.version, shown.lineage.importedFrom.file], ['amb', 1, exported]);
  assert.deepEqual(shown.aliases, [], 'aliases belong to a project, not to the file');
  const db = openDatabase(path.join(homeB, 'studio.sqlite'));
  try {
    assert.equal(getReference(db, 'amb', 1)?.features[0].name, 'value', 'the training reference travels with the file');
  } finally {
    db.close();
  }

  const again = JSON.parse((await ok(homeB, ['models', 'import', exported, '--name', 'office', '--json'])).stdout);
  assert.deepEqual([again.model.name, again.model.version], ['office', 1]);
  assert.equal((await ok(homeB, ['models', 'import', exported])).stdout, `Imported amb-v1.lsmodel as amb v2 (forecast, imported).\n`);
});

/** Imports a bad file into home B and checks the message, and that nothing was registered or left behind. */
async function refused(file: string, pattern: RegExp): Promise<void> {
  const before = JSON.parse((await ok(homeB, ['models', 'list', '--json'])).stdout).models.length;
  const run = await cli(homeB, ['models', 'import', file]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /Internal error/);
  assert.equal(JSON.parse((await ok(homeB, ['models', 'list', '--json'])).stdout).models.length, before);
  assert.deepEqual(fs.readdirSync(path.join(homeB, 'models', 'amb')).sort(), ['v1', 'v2'], 'no half-imported folder');
}

test('a truncated, damaged or foreign file is refused with a clear message and registers nothing', async () => {
  const bytes = fs.readFileSync(exported);
  await refused(writeTemp(work, 'cut.lsmodel', bytes.subarray(0, bytes.length - 1000)), /^Error: cut\.lsmodel is truncated: it has [\d,]+ bytes but the export is [\d,]+ \(an incomplete copy or download\)\. Export the model again/);
  await refused(writeTemp(work, 'stub.lsmodel', bytes.subarray(0, 10)), /^Error: stub\.lsmodel is truncated: it has only 10 bytes, not even a complete header/);
  const flipped = Buffer.from(bytes);
  flipped[Math.floor(bytes.length / 2)] ^= 0xff;
  await refused(writeTemp(work, 'flipped.lsmodel', flipped), /^Error: flipped\.lsmodel is damaged: its SHA-256 checksum does not match its contents/);
  await refused(writeTemp(work, 'data.lsmodel', 'timestamp,value\n2014-01-01,1\n'), /^Error: data\.lsmodel is not an LSTM Studio model export/);
  await refused(writeTemp(work, 'model.lsmodel', '{"modelTopology": {}}'), /is a JSON file\. A Keras model converted to TensorFlow\.js is imported from its model\.json/);
  await refused(path.join(work, 'missing.lsmodel'), /^Error: No file at .*missing\.lsmodel/);
});

/** `exported` written again with `change` applied to its parts (a valid checksum: only the content is hostile). */
function rewritten(name: string, change: (entries: Map<string, Buffer>) => void): string {
  const { header, entries } = readArchive(exported);
  change(entries);
  const file = path.join(work, name);
  const { entries: _, ...rest } = header;
  writeArchive(file, rest, [...entries].map(([n, data]) => ({ name: n, data })));
  return file;
}

test('an export with an empty registry record, a huge declared layer or part, or a 3 GB file is refused with the numbers, registering nothing', async () => {
  await refused(rewritten('empty-record.lsmodel', (e) => e.set('registry.json', Buffer.from('{}'))), /^Error: registry\.json in empty-record\.lsmodel lacks the lineage \(run and dataset fingerprint\)/);
  const huge = rewritten('huge-units.lsmodel', (e) => e.set('model.json', Buffer.from(e.get('model.json')!.toString('utf8').replace(/"units":\s*32/, '"units":100000000'))));
  await refused(huge, /^Error: model\.json in huge-units\.lsmodel declares a layer with units 100,000,000; LSTM Studio builds layers of at most 512, or up to 4,096 when the file's own weights have that size \(they do not\)/);

  // A header that lists a 3 GB weights part, in a sparse file of that size: refused from the header,
  // before any part is read (it used to be read whole: ERR_FS_FILE_TOO_LARGE and exit 2).
  const big = 3 * 1024 ** 3;
  const header: ArchiveHeader = { kind: 'lstm-studio-model-export', exportedAt: new Date().toISOString(), appVersion: '0.1.0', model: { name: 'amb', version: 1, task: 'forecast' }, entries: [{ name: 'model.json', bytes: 2 }, { name: 'weights.bin', bytes: big }] };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32BE(1, 0);
  prefix.writeUInt32BE(json.length, 4);
  const sparse = path.join(work, 'sparse.lsmodel');
  fs.writeFileSync(sparse, Buffer.concat([Buffer.from('LSTM-STUDIO-MODEL\n'), prefix, json, Buffer.from('{}')]));
  fs.truncateSync(sparse, fs.statSync(sparse).size + big + 32);
  await refused(sparse, /^Error: sparse\.lsmodel holds 3,221,225,472 bytes of weights; LSTM Studio loads models of at most 268,435,456 bytes/);
  fs.rmSync(sparse);
});

let fixture: TF.LayersModel;

test('a Keras model converted to TF.js layers imports once its input is mapped to a dataset column', async () => {
  const dir = path.join(work, 'keras_out');
  fixture = await writeKerasFixture(dir, { window: 12, features: 1, units: 8, outputs: 3 });
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  assert.ok(spec.weightsManifest[0].weights.some((w: { name: string }) => w.name === 'lstm/lstm_cell/kernel'), 'Keras names its LSTM weights after the cell');

  const mismatch = await cli(homeA, ['models', 'import', path.join(dir, 'model.json'), '--data', '1', '--task', 'forecast', '--features', 'value,value', '--target', 'value']);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.stderr, /reads 1 feature\(s\) per step, but 2 column\(s\) were mapped \(value, value\)/);
  const missing = await cli(homeA, ['models', 'import', dir, '--task', 'forecast', '--features', 'value']);
  assert.match(missing.stderr, /needs --data ID\|FILE/);

  const imp = JSON.parse((await ok(homeA, ['models', 'import', dir, '--name', 'keras-amb', '--data', '1', '--task', 'forecast', '--features', 'value', '--target', 'value', '--json'])).stdout);
  assert.deepEqual([imp.model.name, imp.model.version, imp.model.source, imp.model.task], ['keras-amb', 1, 'keras', 'forecast']);
  const shown = JSON.parse((await ok(homeA, ['models', 'show', 'keras-amb', '--json'])).stdout).model;
  assert.deepEqual([shown.window, shown.horizon, shown.featureNames, shown.targetNames], [12, 3, ['value'], ['value']]);
  assert.equal(shown.lineage.importedFrom.name, 'keras v2.15.0');

  // The imported model computes what the Keras model does on the same windows (to float rounding:
  // the engine may run its own fused LSTM kernel where the fixture runs tfjs's layer).
  const { model } = await loadModel(imp.model.path);
  const x = Float32Array.from({ length: 5 * 12 }, (_, i) => 60 + Math.sin(i / 3) * 5);
  const got = predict(model, x, 5, [12, 1]);
  const want = predict(fixture, x, 5, [12, 1]);
  assert.equal(got.length, 15);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-5, `output ${i}: ${v} vs ${want[i]}`));
  model.dispose();
});

test('a Keras model.json declaring 100,000,000 units, or weights over the memory budget, is refused before anything is built', async () => {
  const src = path.join(work, 'keras_out');
  const spec = JSON.parse(fs.readFileSync(path.join(src, 'model.json'), 'utf8'));
  const variant = (name: string, change: (json: typeof spec) => void): string => {
    const dir = path.join(work, name);
    fs.cpSync(src, dir, { recursive: true });
    const json = structuredClone(spec);
    change(json);
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    return dir;
  };
  const args = (dir: string) => ['models', 'import', dir, '--name', 'hostile', '--data', '1', '--task', 'forecast', '--features', 'value', '--target', 'value'];
  const units = await cli(homeA, args(variant('keras_units', (j) => (j.modelTopology.config.layers[0].config.units = 100_000_000))));
  assert.equal(units.code, 1, units.stderr);
  assert.match(units.stderr, /^Error: .*model\.json declares a layer with units 100,000,000; LSTM Studio builds layers of at most 512/);
  assert.ok(units.stderr.length < 300, units.stderr);
  const weights = await cli(homeA, args(variant('keras_weights', (j) => (j.weightsManifest[0].weights[0].shape = [100_000, 100_000]))));
  assert.equal(weights.code, 1, weights.stderr);
  assert.match(weights.stderr, /lists 40,000,\d{3},\d{3} bytes of weights; LSTM Studio loads models of at most 268,435,456 bytes/);
  assert.ok(weights.stderr.length < 300, weights.stderr);
  assert.equal(JSON.parse((await ok(homeA, ['models', 'list', '--json'])).stdout).models.some((m: { name: string }) => m.name === 'hostile'), false);
});

after(() => fixture?.dispose());
