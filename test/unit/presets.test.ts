/** The built-in presets load, and each is a valid variant for every task it claims; broken ones are named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateVariant } from '../../shared/model/variant-validation';
import { DEFAULT_VARIANT, mergeVariant } from '../../shared/model/variant';
import { loadPresets, parsePresetFile, presetsDir } from '../../electron/training/presets';
import { resolveTrainConfig } from '../../electron/training/resolve-config';
import { tempDir, writeTemp } from '../helpers/fixtures';

test('every preset file loads, sorted by name, with a title, a description and tasks', () => {
  const presets = loadPresets();
  const files = fs.readdirSync(presetsDir()).filter((f) => f.endsWith('.yaml'));
  assert.equal(presets.length, files.length);
  assert.deepEqual(
    presets.map((p) => p.name),
    ['attention', 'bidirectional', 'classifier', 'cnn-lstm', 'deep', 'lightweight', 'lstm-fcn', 'robust', 'rul', 'standard'],
  );
  for (const p of presets) {
    assert.ok(p.title.length > 0 && p.description.length > 0, p.name);
    assert.ok(p.tasks.length > 0, p.name);
    assert.ok(files.includes(`${p.name}.yaml`), `${p.name} is defined in ${p.name}.yaml`);
  }
});

test('each preset merged over the defaults is valid for each of its tasks', () => {
  const presets = loadPresets();
  for (const p of presets) {
    for (const task of p.tasks) {
      const targets = task === 'forecast' || task === 'regress' ? ['value'] : [];
      const config = resolveTrainConfig(presets, p.name, { task, input: { targets } });
      assert.equal(config.task, task);
      const again = validateVariant(config, DEFAULT_VARIANT);
      assert.ok(again.ok, `${p.name} for ${task}`);
      // The preset's own fields win over the defaults.
      assert.deepEqual(config.recurrent.units, mergeVariant(DEFAULT_VARIANT, p.config).recurrent.units, `${p.name} units`);
    }
  }
});

test('the rul and classifier presets set their own task', () => {
  const presets = loadPresets();
  assert.equal(resolveTrainConfig(presets, 'rul', {}).task, 'rul');
  assert.equal(resolveTrainConfig(presets, 'rul', {}).rul.cap, 125);
  assert.equal(resolveTrainConfig(presets, 'classifier', {}).task, 'classify');
});

test('a broken preset file is reported naming the file and the field', () => {
  const dir = tempDir();
  const file = writeTemp(dir, 'huge.yaml', 'name: huge\ntitle: Huge\ndescription: Too big.\ntasks: [forecast]\nconfig:\n  recurrent: { units: [512] }\n');
  assert.throws(() => parsePresetFile(file), (err: Error) => {
    assert.match(err.message, /^Preset file huge\.yaml is broken:\nconfig\.recurrent\.units\[0\]: 512 is not allowed: use a whole number from 32 to 256\./);
    return true;
  });
  const typo = writeTemp(dir, 'typo.yaml', 'name: typo\ntitle: T\ndescription: D.\ntasks: [forecast]\nconfig:\n  recurent: { units: [64] }\n');
  assert.throws(() => parsePresetFile(typo), /Preset file typo\.yaml is broken:\nconfig\.recurent: is not a known field/);
  const tasks = writeTemp(dir, 'tasks.yaml', 'name: t\ntitle: T\ndescription: D.\ntasks: [predict]\n');
  assert.throws(() => parsePresetFile(tasks), /Preset file tasks\.yaml is broken:\ntasks: \["predict"\] is not allowed/);
  const horizon = writeTemp(dir, 'horizon.yaml', 'name: h\ntitle: H\ndescription: D.\ntasks: [forecast, regress]\nconfig:\n  input: { horizon: 12 }\n');
  assert.throws(() => parsePresetFile(horizon), /config\.input\.horizon: must be 1 for the regress task[^\n]*\n\(checked for the regress task\)/);
  const yaml = writeTemp(dir, 'bad.yaml', 'name: [\n');
  assert.throws(() => parsePresetFile(yaml), /Preset file bad\.yaml is not valid YAML or JSON/);
  assert.throws(() => loadPresets(dir), /Preset file /);
});

test('two presets with one name are refused', () => {
  const dir = tempDir();
  const text = 'name: same\ntitle: S\ndescription: D.\ntasks: [forecast]\n';
  writeTemp(dir, 'a.yaml', text);
  writeTemp(dir, 'b.yaml', text);
  assert.throws(() => loadPresets(dir), /Preset file b\.yaml: name 'same' is already used by a\.yaml/);
  assert.equal(path.basename(presetsDir()), 'presets');
});
