/** Prototype pollution: `__proto__`, `constructor` and `prototype` keys are refused wherever values come from outside. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../shared/errors';
import { findForbiddenKey, refuseForbiddenKeys } from '../../shared/safe-keys';
import { applySets, parseVariantText } from '../../shared/model/variant-text';
import { JsonLinesSplitter } from '../../shared/import/json-records';

test('--set refuses __proto__, constructor and prototype anywhere in the path; Object.prototype stays clean', () => {
  for (const s of ['__proto__.polluted=1', 'constructor.prototype.polluted=1', 'training.__proto__.polluted=1', 'training.prototype=1']) {
    assert.throws(() => applySets({}, [s]), (e: Error) => e instanceof UserError && /is never accepted as a field name/.test(e.message), s);
  }
  assert.throws(() => applySets({}, ['training={"__proto__": {"polluted": 1}}']), /never accepted/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('YAML and JSON configs with a forbidden key are refused naming the key and where it is', () => {
  assert.throws(() => parseVariantText('training:\n  __proto__:\n    polluted: 1\n', 'The config file c.yaml'), /The config file c\.yaml has a field named "__proto__" \(at training\.__proto__\)/);
  assert.throws(() => parseVariantText('{"constructor": {"prototype": {"x": 1}}}', 'c.json'), /c\.json has a field named "constructor", which is never accepted/);
  assert.deepEqual(parseVariantText('training:\n  epochs: 3\n'), { training: { epochs: 3 } });
});

test('findForbiddenKey walks lists and deep nesting without recursion', () => {
  assert.deepEqual(findForbiddenKey({ a: [{ b: 1 }, { prototype: 2 }] }), { key: 'prototype', path: 'a[1].prototype' });
  assert.equal(findForbiddenKey({ a: [1, 2, { b: 'constructor' }] }), null, 'values are not keys');
  const deep: unknown = JSON.parse('{"x":'.repeat(100_000) + '{"__proto__": 1}' + '}'.repeat(100_000));
  assert.equal(findForbiddenKey(deep)?.key, '__proto__');
  assert.doesNotThrow(() => refuseForbiddenKeys({ constructorName: 1, proto: 2 }, 'x'));
});

test('a JSON Lines record with a __proto__ field is refused naming its line', () => {
  const records = new JsonLinesSplitter();
  const sink = () => undefined;
  assert.throws(() => records.push('{"time": 1, "value": 2}\n{"time": 2, "__proto__": {"polluted": 1}}\n', sink), /Line 2 has a field named "__proto__"/);
});
