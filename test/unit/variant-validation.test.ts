/** The config checks: a wrong config is refused with a message naming the field and what is allowed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../shared/errors';
import { applySets, parseVariantText } from '../../shared/model/variant-text';
import { formatFieldErrors, get, validateVariant, variantShapeErrors } from '../../shared/model/variant-validation';
import { DEFAULT_VARIANT, isPlainObject, type PartialVariant } from '../../shared/model/variant';
import { loadPresets } from '../../electron/training/presets';
import { mergePartials, resolveTrainConfig } from '../../electron/training/resolve-config';

const presets = loadPresets();
const forecast: PartialVariant = { task: 'forecast', input: { targets: ['value'] } };

/** The error lines of a config resolved without a preset (throws when the config is valid). */
function errorsOf(config: unknown, preset?: string): string {
  try {
    resolveTrainConfig(presets, preset, config as never);
  } catch (err) {
    assert.ok(err instanceof UserError, `a UserError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('the config was accepted');
}

test('a valid config resolves over the defaults', () => {
  const c = resolveTrainConfig(presets, undefined, forecast);
  assert.equal(c.task, 'forecast');
  assert.deepEqual(c.input.targets, ['value']);
  assert.deepEqual(c.recurrent.units, DEFAULT_VARIANT.recurrent.units);
  assert.equal(c.training.epochs, DEFAULT_VARIANT.training.epochs);
});

test('recurrent.units [300] names the element and the allowed range', () => {
  const message = errorsOf(mergePartials(forecast, { recurrent: { units: [300] } }));
  assert.match(message, /^The training config is not valid:\n/);
  assert.ok(message.includes('recurrent.units[0]: 300 is not allowed: use a whole number from 32 to 256.'), message);
});

test('every wrong field is listed, one line each', () => {
  const message = errorsOf(mergePartials(forecast, { recurrent: { units: [16, 64], dropout: 0.95 }, training: { optimizer: 'sgd' as never } }));
  const lines = message.split('\n').slice(1);
  assert.deepEqual(lines, [
    'recurrent.units[0]: 16 is not allowed: use a whole number from 32 to 256.',
    'recurrent.dropout: 0.95 is not allowed: use a number from 0 to 0.8.',
    "training.optimizer: 'sgd' is not allowed: use one of adam, rmsprop.",
  ]);
});

test('an unknown field is refused, naming it and the known fields', () => {
  const message = errorsOf(mergePartials(forecast, { recurrent: { unit: [64] } as never }));
  assert.match(message, /recurrent\.unit: is not a known field of recurrent\. Known fields: cell, units, bidirectional/);
  assert.match(errorsOf({ ...forecast, epochs: 5 }), /^epochs: is not a known field\. Known fields: task, input/m);
});

test('a split that does not add up to 1 is refused', () => {
  const message = errorsOf(mergePartials(forecast, { training: { split: { train: 0.8, validation: 0.15, test: 0.15 } } }));
  assert.match(message, /training\.split: train \+ validation \+ test must add up to 1 \(they add up to 1\.1\)\./);
});

test('a horizon other than 1 is refused for regress', () => {
  const message = errorsOf({ task: 'regress', input: { targets: ['value'], horizon: 12 } });
  assert.match(message, /input\.horizon: must be 1 for the regress task/);
});

test('forecast and regress need a target; rul takes none', () => {
  assert.match(errorsOf({ task: 'forecast' }), /input\.targets: the forecast task needs at least one target column\./);
  assert.match(errorsOf({ task: 'rul', input: { targets: ['x'] } }), /input\.targets: the rul task derives its target/);
});

test('a preset is checked against the task, and an unknown preset lists the presets', () => {
  assert.match(errorsOf({ task: 'forecast', input: { targets: ['value'] } }, 'classifier'), /The preset 'classifier' is made for classify, not forecast\. Presets for forecast: .*lightweight/);
  assert.match(errorsOf(forecast, 'nope'), /There is no preset 'nope'\. Presets: attention, bidirectional, classifier/);
});

test('the request config overrides the preset, which overrides the defaults', () => {
  const c = resolveTrainConfig(presets, 'lightweight', mergePartials(forecast, { input: { window: 12 } }));
  assert.equal(c.input.window, 12); // request
  assert.equal(c.input.horizon, 12); // preset
  assert.deepEqual(c.recurrent.units, [32]); // preset
  assert.equal(c.training.optimizer, 'adam'); // default
});

test('--set values parse as YAML and land on dotted paths', () => {
  const partial = applySets(forecast, ['recurrent.units=[32]', 'training.epochs=3', 'attention.enabled=true']);
  const c = resolveTrainConfig(presets, undefined, partial);
  assert.deepEqual(c.recurrent.units, [32]);
  assert.equal(c.training.epochs, 3);
  assert.equal(c.attention.enabled, true);
  assert.throws(() => applySets({}, ['epochs']), /--set epochs: write it as key=value/);
});

test('a config file in YAML or JSON; a list or bad YAML is refused with a message', () => {
  assert.deepEqual(parseVariantText('recurrent:\n  units: [64]\n'), { recurrent: { units: [64] } });
  assert.deepEqual(parseVariantText('{"training": {"epochs": 4}}'), { training: { epochs: 4 } });
  assert.throws(() => parseVariantText('- 1\n- 2', 'cfg.yaml'), /cfg\.yaml must hold fields such as "task: forecast", not a list/);
  assert.throws(() => parseVariantText('a: [1, 2', 'cfg.yaml'), /cfg\.yaml is not valid YAML or JSON/);
});

test('formatFieldErrors writes path: message lines; a non-object config is refused', () => {
  assert.equal(formatFieldErrors([{ path: 'a.b', message: 'x.' }, { path: 'c', message: 'y.' }]), 'a.b: x.\nc: y.');
  const r = validateVariant([1, 2]);
  assert.equal(r.ok, false);
  assert.match(errorsOf('forecast'), /\(config\): A config must be an object of fields/);
});

test('mergePartials merges objects deeply and replaces lists', () => {
  assert.deepEqual(mergePartials({ recurrent: { units: [64, 64], dropout: 0.1 } }, { recurrent: { units: [32] } }, undefined, { task: 'rul' }), {
    recurrent: { units: [32], dropout: 0.1 },
    task: 'rul',
  });
});

test('inherited names (toString) and a value where a group belongs (input: "a string") are refused with the path and the allowed fields', () => {
  const a = validateVariant({ toString: 3 });
  assert.equal(a.ok, false);
  assert.match(formatFieldErrors(!a.ok ? a.errors : []), /^toString: is not a known field\. Known fields: task, input, scaling/);
  const b = validateVariant({ training: { hasOwnProperty: 1, valueOf: 2 } });
  assert.match(formatFieldErrors(!b.ok ? b.errors : []), /training\.hasOwnProperty: is not a known field of training\. Known fields: optimizer, /);
  const c = validateVariant({ input: 'a string' });
  assert.match(formatFieldErrors(!c.ok ? c.errors : []), /^input: must be a group of fields \(features, targets, window/);
  assert.deepEqual(variantShapeErrors({ input: 'a string', training: { epochs: 2 } }).map((e) => e.path), ['input']);
});

test('the known fields come from DEFAULT_VARIANT itself: every field of it, at its default, is accepted', () => {
  const paths: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (isPlainObject(v)) walk(v, p);
      else paths.push(p);
    }
  };
  walk(DEFAULT_VARIANT as unknown as Record<string, unknown>, '');
  for (const p of paths) {
    const partial = p.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), get(DEFAULT_VARIANT, p));
    assert.deepEqual(variantShapeErrors(partial as Record<string, unknown>), [], p);
  }
});

test('conv blocks get their defaults filled in, and a wrong block names its field', () => {
  const c = resolveTrainConfig(presets, undefined, mergePartials(forecast, { conv: { blocks: [{ filters: 32 }] as never } }));
  assert.deepEqual(c.conv.blocks, [{ filters: 32, kernel: 3, dilation: 1, batchNorm: true, pool: 1 }]);
  assert.deepEqual(c.fcn.blocks.map((b) => [b.filters, b.kernel]), [[128, 8], [256, 5], [128, 3]], 'the LSTM-FCN paper blocks by default');
  const message = errorsOf(mergePartials(forecast, { conv: { blocks: [{ filters: 2, kernel: 3, size: 4 }, 'big'] as never }, fcn: { blocks: [] } }));
  assert.ok(message.includes('conv.blocks[0].size: is not a known field of a conv block. Known fields: filters, kernel, dilation, batchNorm, pool.'), message);
  assert.ok(message.includes('conv.blocks[0].filters: 2 is not allowed: use a whole number from 4 to 512.'), message);
  assert.ok(message.includes("conv.blocks[1]: 'big' is not a conv block"), message);
  assert.ok(message.includes('fcn.blocks: [] is not allowed: give a list of 1 to 6 items.'), message);
  assert.match(errorsOf(mergePartials(forecast, { conv: { blocks: [{ kernel: 3 }] as never } })), /conv\.blocks\[0\]\.filters: nothing is not allowed/);
});

test('combinations the conv layers cannot honour are refused with what to change', () => {
  const block = [{ filters: 16, kernel: 3, dilation: 1, batchNorm: true, pool: 2 }];
  assert.match(errorsOf(mergePartials(forecast, { input: { masking: true }, conv: { blocks: block } })), /input\.masking: convolutions cannot skip masked steps: turn masking off .* or remove conv\.blocks/);
  assert.match(errorsOf(mergePartials(forecast, { input: { masking: true }, fcn: { enabled: true } })), /input\.masking: .*fcn\.enabled: false/);
  assert.match(errorsOf(mergePartials(forecast, { fcn: { shuffle: true } })), /fcn\.shuffle: only applies with the fcn branch/);
  assert.match(errorsOf(mergePartials(forecast, { fcn: { enabled: true, shuffle: true }, attention: { enabled: true } })), /attention\.enabled: attention weighs time steps/);
  assert.match(errorsOf(mergePartials(forecast, { conv: { blocks: block }, attention: { enabled: true } })), /attention\.enabled: .*set pool: 1 in every conv block/);
});
