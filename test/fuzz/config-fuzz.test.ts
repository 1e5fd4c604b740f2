/**
 * Hostile training configs: JSON requests (`training:start`, the path of IPC and browser mode),
 * YAML/JSON config files and `--set` flags (the CLI's buildConfig, then the same request). Each
 * is refused before a run is recorded or a model folder made; generated configs (fast-check,
 * seeded) are estimated or refused cleanly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildConfig } from '../../electron/cli/train-command';
import { openApiSession } from '../helpers/api-session';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { expectRefused, SEED, tally } from './hostile';

const s = openApiSession('lstm-fuzz-config-');
const dir = tempDir('lstm-fuzz-config-files-');
let data = 0;
before(async () => {
  const lines = ['time,temp,vib', ...Array.from({ length: 400 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString()},${(20 + Math.sin(i / 5)).toFixed(3)},${(i % 7) / 10}`)];
  data = await s.importFile(writeTemp(dir, 'data.csv', lines.join('\n') + '\n'));
});
after(async () => {
  console.log(`config fuzz: ${tally.tried} hostile inputs, ${tally.refused} refused cleanly, ${tally.accepted} accepted as valid`);
  await s.close();
});

const start = (config: unknown, preset?: string) => () => s.api.training.start({ runId: `fuzz-${Math.random()}`, datasetId: data, config: config as never, preset, name: 'fuzz' });

const base = { task: 'forecast', input: { targets: ['temp'], features: ['temp', 'vib'] }, training: { epochs: 1 } };
const requests: [string, unknown, RegExp][] = [
  ['units 100,000,000', { ...base, recurrent: { units: [100_000_000] } }, /recurrent\.units/],
  ['units 0', { ...base, recurrent: { units: [0] } }, /recurrent\.units/],
  ['units negative', { ...base, recurrent: { units: [-64] } }, /recurrent\.units/],
  ['units a string', { ...base, recurrent: { units: '64' } }, /recurrent\.units/],
  ['units nested lists', { ...base, recurrent: { units: [[[64]]] } }, /recurrent\.units/],
  ['ten layers', { ...base, recurrent: { units: Array(10).fill(32) } }, /recurrent\.units/],
  ['epochs negative', { ...base, training: { epochs: -1 } }, /training\.epochs/],
  ['epochs 1e12', { ...base, training: { epochs: 1e12 } }, /training\.epochs/],
  ['epochs fractional', { ...base, training: { epochs: 1.5 } }, /training\.epochs/],
  ['batch size 0', { ...base, training: { batchSize: 0 } }, /training\.batchSize/],
  ['learning rate a string', { ...base, training: { learningRate: 'fast' } }, /training\.learningRate/],
  ['learning rate negative', { ...base, training: { learningRate: -0.1 } }, /training\.learningRate/],
  ['window 0', { ...base, input: { ...base.input, window: 0 } }, /input\.window/],
  ['window 1e9', { ...base, input: { ...base.input, window: 1e9 } }, /input\.window/],
  ['horizon negative', { ...base, input: { ...base.input, horizon: -3 } }, /input\.horizon/],
  ['task bogus', { ...base, task: 'bogus' }, /task/],
  ['task a number', { ...base, task: 7 }, /task/],
  ['dropout 2', { ...base, recurrent: { dropout: 2 } }, /recurrent\.dropout/],
  ['cell unknown', { ...base, recurrent: { cell: 'transformer' } }, /recurrent\.cell/],
  ['optimizer unknown', { ...base, training: { optimizer: 'sgd-with-magic' } }, /training\.optimizer/],
  ['loss unknown', { ...base, training: { loss: 'hinge' } }, /training\.loss/],
  ['scaling unknown', { ...base, scaling: { method: 'log' } }, /scaling\.method/],
  ['unknown top-level key', { ...base, banana: 1 }, /banana/],
  ['unknown nested key', { ...base, training: { epochs: 1, turbo: true } }, /turbo/],
  ['toString: 3', { ...base, toString: 3 }, /toString/],
  ['input a string', { ...base, input: 'a string' }, /input/],
  ['recurrent null', { ...base, recurrent: null }, /recurrent/],
  ['training a list', { ...base, training: [1, 2] }, /training/],
  ['__proto__ key', JSON.parse('{"task": "forecast", "__proto__": {"polluted": 1}}'), /__proto__/],
  ['constructor key', { ...base, constructor: { prototype: { x: 1 } } }, /constructor/],
  ['targets missing column', { ...base, input: { targets: ['nope'], features: ['temp'] } }, /nope/],
  ['features empty list', { ...base, input: { targets: ['temp'], features: [] } }, /features/],
  ['features a number', { ...base, input: { targets: ['temp'], features: 5 } }, /features/],
  ['config a list', [1, 2, 3], /config|object/i],
  ['config a string', 'epochs: 5', /config|object/i],
];

for (const [name, config, message] of requests) {
  test(`training:start refuses: ${name}`, async () => {
    const m = await expectRefused(s.ctx.db, s.ctx.home, name, start(config), { perLine: true });
    assert.match(m, message, name);
  });
}

test('training:start refuses an unknown preset', async () => {
  assert.match(await expectRefused(s.ctx.db, s.ctx.home, 'preset', start(base, 'no-such-preset')), /no-such-preset/);
});

const files: [string, string, RegExp][] = [
  ['bad.yaml', 'recurrent: [units: 64\n', /config file bad\.yaml/],
  ['tabs.yaml', 'training:\n\tepochs: 5\n', /config file tabs\.yaml/],
  ['list.yaml', '- 1\n- 2\n', /config file list\.yaml/],
  ['scalar.yaml', '42\n', /config file scalar\.yaml/],
  ['binary.yaml', '\u0000\u0001\u0002PNG', /config file binary\.yaml/],
  ['aliases.yaml', `a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n`, /config file aliases\.yaml/],
  ['unknown.yaml', 'training:\n  epochs: 2\n  warp: 9\n', /warp/],
  ['proto.yaml', '__proto__:\n  polluted: 1\n', /__proto__/],
  ['proto.json', '{"training": {"__proto__": {"epochs": 1}}}', /__proto__/],
  ['wrong-type.json', '{"recurrent": {"units": "many"}}', /recurrent\.units/],
  ['trailing.json', '{"training": {"epochs": 2}} }', /config file trailing\.json/],
];

for (const [name, text, message] of files) {
  test(`a config file is refused: ${name}`, async () => {
    const file = writeTemp(dir, name, text);
    const m = await expectRefused(s.ctx.db, s.ctx.home, name, async () => start(buildConfig({ configFile: file, flags: {}, sets: [] }))(), { perLine: true });
    assert.match(m, message, name);
  });
}

const sets: [string, RegExp][] = [
  ['recurrent.units=[100000000]', /recurrent\.units/],
  ['__proto__.polluted=1', /__proto__/],
  ['training.__proto__.x=1', /__proto__/],
  ['constructor.prototype.x=1', /constructor/],
  ['training.epochs=abc', /training\.epochs/],
  ['training.epochs=.nan', /training\.epochs/],
  ['training.epochs=.inf', /training\.epochs/],
  ['no-equals-sign', /--set/],
  ['=5', /--set/],
  ['training.epochs=[1, 2', /training\.epochs|--set/],
  ['made.up.path=1', /made/],
  ['recurrent.units=[[[[1]]]]', /recurrent\.units/],
];

for (const [set, message] of sets) {
  test(`--set is refused: ${set}`, async () => {
    const m = await expectRefused(s.ctx.db, s.ctx.home, set, async () => start(buildConfig({ flags: {}, sets: ['training.epochs=1', set] }))(), { perLine: true });
    assert.match(m, message, set);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  });
}

test('generated configs: estimated, or refused as the user\'s error naming a field', async () => {
  const paths = ['task', 'input.window', 'input.horizon', 'input.targets', 'input.features', 'recurrent.units', 'recurrent.cell', 'recurrent.dropout', 'training.epochs', 'training.batchSize', 'training.learningRate', 'head.units', 'scaling.method', 'split.mode', 'x', 'training.x'];
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -1, 1e9, 2 ** 31, 0.5, '', 'temp', ['temp'], [32], [1e9], null));
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 }), async (edits) => {
      const config: Record<string, any> = JSON.parse(JSON.stringify(base));
      for (const [p, v] of edits) {
        const keys = p.split('.');
        let at = config;
        for (const k of keys.slice(0, -1)) at = at[k] = typeof at[k] === 'object' && at[k] !== null && !Array.isArray(at[k]) ? at[k] : {};
        at[keys[keys.length - 1]] = v;
      }
      await expectRefused(s.ctx.db, s.ctx.home, `config ${JSON.stringify(edits)}`, () => s.api.training.estimate({ datasetId: data, config: config as never }), { accept: true, perLine: true });
    }),
    { seed: SEED, numRuns: 40 },
  );
});
