import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { writeDemoCsv } from '../../electron/data/demo-seed';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant } from '../../shared/model/variant';
import { toOriginalUnits } from '../../shared/training/original-units';
import type { PreparedData, WindowBatch } from '../../shared/training/prepared';
import { trainWindowCap } from '../../shared/training/window-plan';
import { dataFile, tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

/** Imports a file into a fresh database; returns a function preparing it with a partial config. */
async function dataset(file: string, options = {}): Promise<(c: PartialVariant) => PreparedData> {
  const db = freshDb();
  const d = await importFile(db, file, options);
  return (c) => prepareTrainingData(db, d.summary.id, mergeVariant(DEFAULT_VARIANT, c));
}

const splitNames = ['train', 'validation', 'test'] as const;
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

// Two targets with index time t = row: a = 20 + 5 sin(t / 7), b = 3 cos(t / 5) + t / 50.
const A = (t: number) => 20 + 5 * Math.sin(t / 7);
const B = (t: number) => 3 * Math.cos(t / 5) + t / 50;
const TRUE = [A, B];
const twoTargets = () => writeTemp(tempDir(), 'ab.csv', ['t,a,b', ...Array.from({ length: 160 }, (_, t) => `${t},${A(t)},${B(t)}`)].join('\n') + '\n');
const H = 3;
const forecast = (scaling: PartialVariant['scaling']): PartialVariant => ({ input: { features: ['a', 'b'], targets: ['a', 'b'], window: 6, horizon: H }, scaling });

describe('windows and targets per task', () => {
  it('forecast: y holds the next horizon values step-major, y[h * targets + t]', async () => {
    const p = (await dataset(twoTargets()))(forecast({ method: 'none', predictDelta: false, instanceNorm: false }));
    assert.equal(p.outputs, H * 2);
    assert.deepEqual(p.inputShape, [6, 2]);
    for (const s of splitNames) {
      const b = p[s];
      for (let i = 0; i < b.n; i++) {
        const end = b.meta[i].end;
        for (let h = 0; h < H; h++) for (let t = 0; t < 2; t++) assert.equal(b.y[i * H * 2 + h * 2 + t], Math.fround(TRUE[t](end + 1 + h)));
        for (let k = 0; k < 6; k++) assert.equal(b.x[(i * 6 + k) * 2], Math.fround(A(end - 5 + k)), 'x is window x features');
      }
      assert.deepEqual(b.restore, { base: null, scale: null });
    }
  });

  it('predictDelta: y is the change from the last observed value, and toOriginalUnits restores the true future exactly', async () => {
    const prepare = await dataset(twoTargets());
    const raw = prepare(forecast({ method: 'none', predictDelta: true, instanceNorm: false }));
    const b0 = raw.train;
    near(b0.y[0], A(b0.meta[0].end + 1) - A(b0.meta[0].end), 1e-5, 'delta of a');
    assert.equal(b0.restore.base![1], Math.fround(B(b0.meta[0].end)), 'base = last observed b');
    for (const scaling of [
      { method: 'zscore', predictDelta: true, instanceNorm: false },
      { method: 'minmax', predictDelta: true, instanceNorm: true },
      { method: 'zscore', predictDelta: false, instanceNorm: true },
    ] as const) {
      const p = prepare(forecast(scaling));
      for (const s of splitNames) {
        const b = p[s];
        const { predicted, actual } = toOriginalUnits(p, s, b.y);
        for (let i = 0; i < b.n; i++) {
          for (let h = 0; h < H; h++) {
            for (let t = 0; t < 2; t++) {
              const k = i * H * 2 + h * 2 + t;
              near(predicted[k], TRUE[t](b.meta[i].end + 1 + h), 1e-5, `${JSON.stringify(scaling)} ${s} window ${i} h${h} t${t}`);
              assert.equal(actual[k], predicted[k]);
            }
          }
        }
      }
      if (scaling.instanceNorm) {
        const b = p.train;
        for (const i of [0, b.n - 1]) {
          const a = Array.from({ length: 6 }, (_, k) => b.x[(i * 6 + k) * 2]);
          near(a.reduce((x, y) => x + y, 0) / 6, 0, 1e-5, 'each window is normalised by its own mean');
        }
        assert.ok(b.restore.scale && b.restore.scale.length === b.n * 2);
      }
    }
  });

  it('rul: counts down to 0 at each entity\'s last row, capped', async () => {
    const lines = ['unit,t,s1'];
    const lengths = { U1: 40, U2: 70, U3: 55 };
    for (const [u, n] of Object.entries(lengths)) for (let t = 0; t < n; t++) lines.push(`${u},${t},${Math.sin(t) + t / 10}`);
    const prepare = await dataset(writeTemp(tempDir(), 'rul.csv', lines.join('\n') + '\n'), { entityColumn: 'unit', timeColumn: 't' });
    for (const cap of [30, null]) {
      const p = prepare({ task: 'rul', input: { window: 5 }, scaling: { method: 'minmax', predictDelta: false }, rul: { cap } });
      assert.deepEqual(p.targetNames, ['rul']);
      const seen = new Map<string, [number, number][]>();
      for (const s of splitNames) {
        const { predicted } = toOriginalUnits(p, s, p[s].y);
        p[s].meta.forEach((m, i) => seen.set(m.entity, [...(seen.get(m.entity) ?? []), [m.end, predicted[i]]]));
      }
      let maxTrain = 0;
      for (const [u, n] of Object.entries(lengths)) {
        const rows = seen.get(u)!.sort((x, y) => x[0] - y[0]);
        for (const [end, rul] of rows) near(rul, Math.min(n - 1 - end, cap ?? Infinity), 1e-4, `${u} at ${end}`);
        assert.equal(rows[rows.length - 1][0], n - 1);
        near(rows[rows.length - 1][1], 0, 1e-6, `${u} ends at RUL 0`);
        if (cap !== null) assert.ok(Math.max(...rows.map((r) => r[1])) <= cap + 1e-4);
        maxTrain = Math.max(maxTrain, ...p.train.meta.filter((m) => m.entity === u).map((m) => n - 1 - m.end));
      }
      assert.equal(p.targetScaler!.columns[0].scale, cap ?? maxTrain, 'RUL is divided by the cap, or the training maximum');
      assert.ok(Math.max(...p.train.y) <= 1);
    }
  });

  it('classify: ItalyPowerDemand_TRAIN gives 67 whole sequences of [24, 1] over 2 classes, stratified', async () => {
    const file = dataFile('ucr-italy', 'ItalyPowerDemand_TRAIN.tsv');
    const p = (await dataset(file, { format: 'wide', labelColumn: 'c1', header: false }))({ task: 'classify', scaling: { method: 'none', predictDelta: false } });
    assert.deepEqual(p.inputShape, [24, 1]);
    assert.deepEqual(p.classNames, ['1', '2']);
    assert.equal(p.outputs, 2);
    assert.equal(p.train.n + p.validation.n + p.test.n, 67);
    assert.equal(p.split.mode, 'entity');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    for (const s of splitNames) {
      const b = p[s];
      assert.equal(b.x.length, b.n * 24);
      assert.equal(b.mask, null, 'all sequences are 24 long: nothing to mask');
      const perClass = [0, 0];
      for (let i = 0; i < b.n; i++) {
        const y = [...b.y.subarray(i * 2, i * 2 + 2)];
        const line = lines[Number(b.meta[i].entity) - 1];
        assert.deepEqual(y, line[0] === 1 ? [1, 0] : [0, 1], 'one-hot of the sequence label');
        assert.deepEqual([...b.x.subarray(i * 24, i * 24 + 24)], line.slice(1).map(Math.fround));
        perClass[y[0] === 1 ? 0 : 1]++;
      }
      assert.ok(perClass[0] > 0 && perClass[1] > 0, `${s} has both classes: ${perClass}`);
    }
    const { predicted, actual } = toOriginalUnits(p, 'test', p.test.y);
    assert.deepEqual(predicted, p.test.y);
    assert.deepEqual(actual, p.test.y);
  });

  it('classify: shorter sequences are padded (pre or post) with 0 and the mask marks their real steps', async () => {
    const rows = [[1, 3], [2, 5], [1, 4], [2, 3], [1, 5], [2, 4]].map(([label, n], r) => [label, ...Array.from({ length: 5 }, (_, k) => (k < n ? 10 * r + k + 1 : 'NaN'))].join('\t'));
    const prepare = await dataset(writeTemp(tempDir(), 'ragged.tsv', rows.join('\n') + '\n'), { format: 'wide', labelColumn: 'c1', header: false });
    for (const padding of ['pre', 'post'] as const) {
      const p = prepare({ task: 'classify', input: { padding, masking: true }, scaling: { method: 'none', predictDelta: false } });
      assert.deepEqual(p.inputShape, [5, 1]);
      for (const s of splitNames) {
        const b = p[s];
        for (let i = 0; i < b.n; i++) {
          const r = Number(b.meta[i].entity) - 1;
          const real = Array.from({ length: b.meta[i].end + 1 }, (_, k) => 10 * r + k + 1);
          const pad = Array(5 - real.length).fill(0);
          assert.deepEqual([...b.x.subarray(i * 5, i * 5 + 5)], padding === 'pre' ? [...pad, ...real] : [...real, ...pad]);
          assert.deepEqual([...b.mask!.subarray(i * 5, i * 5 + 5)], padding === 'pre' ? [...pad, ...real.map(() => 1)] : [...real.map(() => 1), ...pad]);
        }
      }
      assert.match(p.notes.join('\n'), /Sequences have 3 to 5 steps/);
    }
  });

  it('classify on a long file: the label at the window\'s last step, one-hot over sorted classes', async () => {
    const dir = tempDir();
    writeDemoCsv(`${dir}/demo.csv`);
    const p = (await dataset(`${dir}/demo.csv`))({ task: 'classify', input: { targets: ['failure'], window: 12, stride: 4 }, scaling: { predictDelta: false } });
    assert.deepEqual(p.classNames, ['0', '1']);
    assert.ok(!p.featureNames.includes('failure'), 'the label is not an input');
    const ones = (b: WindowBatch) => Array.from({ length: b.n }, (_, i) => b.y[i * 2] + b.y[i * 2 + 1]);
    assert.ok(ones(p.train).every((v) => v === 1));
  });

  it('names input.features or input.targets, the bad name and the choices for an unknown column', async () => {
    const prepare = await dataset(twoTargets());
    assert.throws(
      () => prepare({ input: { features: ['a', 'pressure'], targets: ['a'] } }),
      (e: Error) => e.name === 'UserError' && /^input\.features: .*`pressure`.*Available columns: a, b\./.test(e.message),
    );
    assert.throws(() => prepare({ input: { targets: ['nope'] } }), (e: Error) => e.name === 'UserError' && /^input\.targets: .*`nope`/.test(e.message));
    assert.throws(() => prepare({ input: { targets: ['a'], window: 500 } }), (e: Error) => e.name === 'UserError' && /^input\.window: .*longest has 160 rows/.test(e.message));
    assert.throws(() => prepare({ task: 'regress', input: { features: ['a', 'b'], targets: ['b'] } }), /input\.features: `b` is a target of the regress task/);
  });

  it('raises the stride when the training windows would not fit in memory, and says so', async () => {
    const n = 230_000;
    const lines = ['v'];
    for (let t = 0; t < n; t++) lines.push(String(t % 97));
    const p = (await dataset(writeTemp(tempDir(), 'long.csv', lines.join('\n') + '\n')))({ input: { targets: ['v'], window: 2 }, scaling: { predictDelta: false } });
    assert.ok(p.train.n <= trainWindowCap(2, 1) && p.train.n > 75_000, `${p.train.n} training windows`);
    assert.equal(p.stride, 2);
    assert.match(p.notes.join('\n'), /Raised input\.stride from 1 to 2/);
  });
});
