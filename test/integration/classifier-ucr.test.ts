/**
 * The classifier preset (a compact LSTM-FCN: per-sequence z-normalisation, a convolutional branch, an
 * LSTM over the transposed sequence) as a user runs it on a real UCR problem, with its defaults: train
 * on TwoLeadECG_TRAIN (23 sequences, so validation holds too few to choose an epoch on and the run says
 * so), evaluate on TwoLeadECG_TEST against 1-NN Euclidean on the whole TRAIN file (the archive's floor),
 * explain a prediction. The one real UCR training in the suite; scripts/ucr-accuracy.js measures all nine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { nearestNeighbours, type SequenceSet } from '../../shared/evaluation/nearest-neighbour';
import { ok, runCli } from '../helpers/cli-run';
import { dataFile, tempDir } from '../helpers/fixtures';

const home = tempDir('lstm-classifier-ucr-');
const WIDE = ['--no-header', '--format', 'wide', '--label', 'c1'];
const file = (split: string) => dataFile('ucr', 'TwoLeadECG', `TwoLeadECG_${split}.tsv`);

/** A UCR file as labels and equal-length sequences. */
function readUcr(path: string): { labels: string[]; set: SequenceSet } {
  const rows = fs.readFileSync(path, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
  const length = rows[0].length - 1;
  return { labels: rows.map((r) => r[0]), set: { x: Float64Array.from(rows.flatMap((r) => r.slice(1).map(Number))), n: rows.length, length, features: 1 } };
}

test('classifier with its defaults beats 1-NN Euclidean on TwoLeadECG, says how it chose its epoch, and explains', async () => {
  const train = readUcr(file('TRAIN'));
  const testSet = readUcr(file('TEST'));
  const nearest = nearestNeighbours(train.set, testSet.set);
  const euclidean = testSet.labels.filter((l, i) => train.labels[nearest[i]] === l).length / testSet.set.n;
  assert.ok(Math.abs(euclidean - 0.747) < 0.001, `1-NN ED ${euclidean} (the archive publishes 0.747)`);

  const trained = JSON.parse(ok(await runCli(home, ['train', '--data', file('TRAIN'), ...WIDE, '--task', 'classify', '--preset', 'classifier', '--name', 'ecg', '--json'])).stdout);
  assert.equal(trained.selection.monitor, 'training');
  assert.match(trained.selection.sentence, /^Validation has \d sequences, fewer than `training.minValidation` \(100\): too few to choose an epoch on/);
  const evaluated = JSON.parse(ok(await runCli(home, ['evaluate', '--model', 'ecg', '--data', file('TEST'), ...WIDE, '--json'])).stdout);
  const { accuracy } = evaluated.classification;
  assert.ok(accuracy > euclidean, `test accuracy ${accuracy} against 1-NN ED ${euclidean}`);

  const explained = ok(await runCli(home, ['explain', '--model', 'ecg', '--data', '1', '--repeats', '1'])).stdout;
  assert.match(explained, /Permutation importance/);
  assert.match(explained, /Gradient saliency of this window: steps -\d+/);
});
