/**
 * Prototype pollution and unknown keys, as a user or a token holder would send them: through
 * `train --set` and config files, a JSON dataset, a model export, HTTP request bodies and the
 * handlers every transport shares. Each is refused with exit 1 or a 400 and a message naming the
 * key; nothing is stored, the settings file is not set aside, and Object.prototype stays clean.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readArchive, writeArchive } from '../../electron/registry/archive-format';
import { createHandlers } from '../../electron/api/handlers';
import { openAppContext } from '../../electron/app/context';
import { ok, runCli, type CliRun } from '../helpers/cli-run';
import { dataFile, tempDir, writeTemp } from '../helpers/fixtures';
import { op, startServer } from '../helpers/server-session';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
const home = tempDir('lstm-hostile-keys-');
const files = tempDir('lstm-hostile-keys-files-');

function cli(...args: string[]): Promise<CliRun> {
  return runCli(home, args);
}

/** Asserts a run exited 1 with a message matching `message` and no stack trace. */
function refused(run: CliRun, message: RegExp): void {
  assert.equal(run.code, 1, `exit ${run.code}; stderr: ${run.stderr}`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

before(async () => {
  ok(await cli('train', '--data', AMBIENT, '--task', 'forecast', '--target', 'value', '--window', '6', '--horizon', '2', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'amb'));
});

test('train --set __proto__.polluted=1 exits 1 naming the key; the settings file is not set aside', async () => {
  const train = (...more: string[]) => cli('train', '--data', '1', '--task', 'forecast', '--target', 'value', '--epochs', '1', ...more);
  refused(await train('--set', '__proto__.polluted=1'), /--set __proto__\.polluted=1: "__proto__" is never accepted as a field name/);
  refused(await train('--set', 'constructor.prototype.polluted=1'), /"constructor" is never accepted/);
  refused(await train('--set', 'toString=3'), /toString: is not a known field\. Known fields: task, input, scaling, engineering, .*training/);
  refused(await train('--set', 'input=a string'), /input: must be a group of fields \(features, targets, window/);
  const yaml = writeTemp(files, 'bad.yaml', 'input: "a string"\n');
  refused(await train('--config', yaml, '--window', '12'), /The config file bad\.yaml is not valid:\ninput: must be a group of fields/);
  const json = writeTemp(files, 'bad.json', '{"training": {"__proto__": {"epochs": 1}}}');
  refused(await train('--config', json), /The config file bad\.json has a field named "__proto__" \(at training\.__proto__\)/);
  assert.deepEqual(fs.readdirSync(home).filter((f) => f.includes('broken')), [], 'the settings file was not moved aside');
  const { models } = JSON.parse(ok(await cli('models', 'list', '--json')).stdout);
  assert.equal(models.length, 1, 'no model was trained');
});

test('a JSON dataset with a __proto__ or constructor field is refused naming the record; nothing is imported', async () => {
  const records = writeTemp(files, 'records.json', JSON.stringify([{ time: 1, value: 2 }]).replace(']', ',{"time": 2, "value": 3, "__proto__": {"polluted": 1}}]'));
  refused(await cli('import', records), /has a field named "__proto__"/);
  const lines = writeTemp(files, 'records.jsonl', '{"time": 1, "value": 2}\n{"time": 2, "value": 3, "constructor": 4}\n');
  refused(await cli('import', lines), /Line 2 has a field named "constructor"/);
  assert.equal(JSON.parse(ok(await cli('datasets', '--json')).stdout).datasets.length, 1, 'only the training data');
});

test('a model export whose registry record holds a constructor key is refused; nothing is registered', async () => {
  const good = path.join(files, 'amb.lsmodel');
  ok(await cli('models', 'export', 'amb@1', '--out', good));
  const { header, entries } = readArchive(good);
  const record = JSON.parse(entries.get('registry.json')!.toString('utf8'));
  const poisoned = Buffer.from(JSON.stringify(record).replace(/^\{/, '{"constructor":{"prototype":{"polluted":1}},'), 'utf8');
  const bad = path.join(files, 'poisoned.lsmodel');
  writeArchive(bad, header, [...entries].map(([name, data]) => ({ name, data: name === 'registry.json' ? poisoned : data })));
  refused(await cli('models', 'import', bad), /registry\.json in .*poisoned\.lsmodel has a field named "constructor"/);
  assert.equal(JSON.parse(ok(await cli('models', 'list', '--json')).stdout).models.length, 1);
});

test('request bodies with forbidden keys get 400 over HTTP and a user error from the shared handlers (IPC, CLI)', async () => {
  const { server } = await startServer();
  const answer = await op(server, 'datasets:rename', JSON.parse('{"id": 1, "name": "x", "__proto__": {"polluted": 1}}'));
  assert.equal(answer.status, 400);
  assert.match(JSON.parse(answer.body).error.message, /has a field named "__proto__"/);
  const nested = await op(server, 'training:estimate', JSON.parse('{"datasetId": 1, "config": {"training": {"constructor": {"prototype": {"polluted": 1}}}}}'));
  assert.equal(nested.status, 400);
  assert.match(JSON.parse(nested.body).error.message, /"constructor" \(at req\.config\.training\.constructor\)/);

  const ctx = openAppContext({ home: tempDir('lstm-hostile-handlers-'), mode: 'desktop' });
  try {
    const handlers = createHandlers(ctx);
    await assert.rejects(handlers['datasets:rename'](JSON.parse('{"id": 1, "name": "x", "prototype": 1}')), /The request of datasets:rename has a field named "prototype"/);
  } finally {
    await ctx.close();
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
