/** The Configure form's one-line conv block text: parsed into blocks and written back unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatConvBlocks, parseConvBlocks } from '../../shared/model/conv-block-text';
import { FCN_BLOCKS } from '../../shared/model/variant';

test('"128x8, 256x5, 128x3" is the LSTM-FCN branch and formats back to the same text', () => {
  assert.deepEqual(parseConvBlocks('128x8, 256x5, 128x3'), FCN_BLOCKS);
  assert.equal(formatConvBlocks(FCN_BLOCKS), '128x8, 256x5, 128x3');
});

test('dilation, pooling and no batch norm are words after a block; empty text is no blocks', () => {
  const blocks = parseConvBlocks('64x5, 32X3 d2 p2 nobn');
  assert.deepEqual(blocks, [
    { filters: 64, kernel: 5, dilation: 1, batchNorm: true, pool: 1 },
    { filters: 32, kernel: 3, dilation: 2, batchNorm: false, pool: 2 },
  ]);
  assert.equal(formatConvBlocks(blocks), '64x5, 32x3 d2 p2 nobn');
  assert.deepEqual(parseConvBlocks('  '), []);
});

test('text that is not blocks stays text, so validation can name it', () => {
  assert.equal(parseConvBlocks('64 by 5'), '64 by 5');
  assert.equal(formatConvBlocks('64 by 5'), '64 by 5');
});
