/**
 * Hostile model files through `models:import` (.lsmodel) and `models:importKeras` (model.json and
 * its weights): truncated, flipped, foreign and forged files (forged ones re-signed, so the checks
 * behind the checksum run), each refused with nothing registered and no folder left in models/.
 * Generated cuts and byte flips (fast-check, seeded) must be refused too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readArchive, writeArchive } from '../../electron/registry/archive-format';
import { openApiSession } from '../helpers/api-session';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { writeKerasFixture } from '../helpers/keras-fixture';
import { expectRefused, SEED, tally } from './hostile';

const s = openApiSession('lstm-fuzz-model-');
const dir = tempDir('lstm-fuzz-model-files-');
let good = '';
let data = 0;
let original: Buffer;
let parts: { header: ReturnType<typeof readArchive>['header']; entries: Map<string, Buffer> };

before(async () => {
  const lines = ['time,temp,vib', ...Array.from({ length: 300 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString()},${(20 + Math.sin(i / 5)).toFixed(3)},${(i % 7) / 10}`)];
  data = await s.importFile(writeTemp(dir, 'data.csv', lines.join('\n') + '\n'));
  await s.train(data, { task: 'forecast', input: { targets: ['temp'], features: ['temp', 'vib'], window: 8 }, recurrent: { units: [32] }, training: { epochs: 1 } }, 'pump');
  good = (await s.api.models.export({ ref: 'pump@1', path: path.join(dir, 'pump.lsmodel') })).path;
  original = fs.readFileSync(good);
  parts = readArchive(good);
});
after(async () => {
  console.log(`model fuzz: ${tally.tried} hostile inputs, ${tally.refused} refused cleanly, ${tally.accepted} accepted as valid`);
  await s.close();
});

const importModel = (file: string) => () => s.api.models.import({ path: file, name: 'imported' });
const refuse = async (what: string, file: string, message?: RegExp) => {
  const m = await expectRefused(s.ctx.db, s.ctx.home, what, importModel(file));
  if (message) assert.match(m, message, what);
  assert.ok(!fs.existsSync(path.join(s.ctx.home, 'models', 'imported')), `${what}: no folder left in models/`);
};
/** A re-signed archive: the good one's header and entries, changed by `edit`. */
const forged = (name: string, edit: (entries: Map<string, Buffer>, header: Record<string, unknown>) => void) => {
  const entries = new Map([...parts.entries].map(([k, v]) => [k, Buffer.from(v)]));
  const header: Record<string, unknown> = { ...parts.header };
  delete header.entries;
  edit(entries, header);
  const file = path.join(dir, name);
  writeArchive(file, header as never, [...entries].map(([n, d]) => ({ name: n, data: d })));
  return file;
};
const json = (b: Buffer) => JSON.parse(b.toString('utf8'));
const buf = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

test('the good export imports (the corpus below is refused for what was changed, not for being ours)', async () => {
  const m = await s.api.models.import({ path: good, name: 'roundtrip' });
  assert.equal(m.version, 1);
});

const raw: [string, (b: Buffer) => Buffer, RegExp][] = [
  ['empty', () => Buffer.alloc(0), /is empty/],
  ['a CSV file', () => Buffer.from('time,temp\n2024-01-01,1\n'), /not an LSTM Studio model export|model export/i],
  ['a PNG', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /model export/i],
  ['the magic line only', (b) => b.subarray(0, 18), /truncated/],
  ['cut in the header', (b) => b.subarray(0, 40), /truncated/],
  ['cut in the weights', (b) => b.subarray(0, b.length - 200), /truncated/],
  ['cut before the checksum', (b) => b.subarray(0, b.length - 32), /truncated/],
  ['one byte more', (b) => Buffer.concat([b, Buffer.from([0])]), /bytes more than its header lists/],
  ['a flipped weight byte', (b) => flip(b, b.length - 100), /checksum/],
  ['a newer format', (b) => withU32(b, 18, 99), /newer LSTM Studio/],
  ['a header length of 0', (b) => withU32(b, 22, 0), /header length is impossible/],
  ['a header length of 4 GB', (b) => withU32(b, 22, 0xffffffff), /header length is impossible/],
  ['a header length past the end', (b) => withU32(b, 22, 900_000), /truncated/],
];

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] ^= 0xff;
  return c;
}
function withU32(b: Buffer, at: number, v: number): Buffer {
  const c = Buffer.from(b);
  c.writeUInt32BE(v >>> 0, at);
  return c;
}

for (const [name, make, message] of raw) {
  test(`models:import refuses a damaged file: ${name}`, () => refuse(name, writeTemp(dir, `${name.replace(/\W+/g, '-')}.lsmodel`, make(original)), message));
}

const forgeries: [string, (e: Map<string, Buffer>, h: Record<string, unknown>) => void, RegExp | undefined][] = [
  ['model.json not JSON', (e) => e.set('model.json', Buffer.from('{not json')), /model\.json/],
  ['model.json an array', (e) => e.set('model.json', buf([1, 2, 3])), undefined],
  ['no model.json', (e) => e.delete('model.json'), /model\.json/],
  ['no metadata.json', (e) => e.delete('metadata.json'), /metadata\.json/],
  ['metadata.json empty object', (e) => e.set('metadata.json', buf({})), /metadata/],
  ['metadata with a wrong task', (e) => e.set('metadata.json', buf({ ...json(e.get('metadata.json')!), task: 'teleport' })), /task|metadata/],
  ['metadata with a negative window', (e) => e.set('metadata.json', buf({ ...json(e.get('metadata.json')!), window: -5 })), /window|metadata/],
  ['weights cut in half', (e) => {
    const w = [...e.keys()].find((k) => k.endsWith('.bin'))!;
    e.set(w, e.get(w)!.subarray(0, e.get(w)!.length >> 1));
  }, /weight|bytes|model/i],
  ['weights missing', (e) => {
    for (const k of [...e.keys()]) if (k.endsWith('.bin')) e.delete(k);
  }, /weight|bin|model/i],
  ['an entry named ../../escape.txt', (e) => e.set('../../escape.txt', Buffer.from('x')), /escape\.txt|entry|name/i],
  ['an entry named /tmp/abs.txt', (e) => e.set('/tmp/lstm-fuzz-abs.txt', Buffer.from('x')), /abs\.txt|entry|name/i],
  ['a header of another kind', (_e, h) => (h.kind = 'something-else'), /does not list/],
  ['a __proto__ key in metadata', (e) => e.set('metadata.json', Buffer.from(e.get('metadata.json')!.toString('utf8').replace('{', '{"__proto__": {"polluted": 1},'))), /__proto__/],
  ['a model name with a path', (e) => e.set('registry.json', buf({ ...json(e.get('registry.json')!), name: '../../../etc' })), undefined],
];

for (const [name, edit, message] of forgeries) {
  test(`models:import refuses a forged file: ${name}`, async () => {
    const file = forged(`${name.replace(/\W+/g, '-')}.lsmodel`, edit);
    const m = await expectRefused(s.ctx.db, s.ctx.home, name, () => s.api.models.import({ path: file }), { accept: name === 'a model name with a path' });
    if (message) assert.match(m, message, name);
    assert.ok(!fs.existsSync(path.join(dir, '..', 'escape.txt')) && !fs.existsSync(path.resolve(s.ctx.home, '..', '..', 'escape.txt')) && !fs.existsSync('/tmp/lstm-fuzz-abs.txt'), 'nothing written outside');
  });
}

test('models:import refuses a registry record of {}', async () => {
  await refuse('registry {}', forged('empty-record.lsmodel', (e) => e.set('registry.json', buf({}))), /registry/);
});

test('models:import refuses a forged model declaring 100,000,000 units', async () => {
  const file = forged('huge-units.lsmodel', (e) => e.set('model.json', Buffer.from(e.get('model.json')!.toString('utf8').replace(/"units":\s*32/g, '"units": 100000000'))));
  await refuse('huge units', file, /units|parameters|memory/);
});

test('generated cuts and byte flips of an export are refused', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.record({ cut: fc.integer({ min: 0, max: original.length - 1 }) }), fc.record({ flip: fc.integer({ min: 0, max: original.length - 1 }), mask: fc.integer({ min: 1, max: 255 }) })), async (c) => {
      const b = 'cut' in c ? original.subarray(0, c.cut) : Buffer.from(original).fill(original[c.flip] ^ c.mask, c.flip, c.flip + 1);
      const file = writeTemp(dir, 'generated.lsmodel', b);
      await refuse(`generated ${JSON.stringify(c)}`, file);
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test('models:importKeras refuses broken conversions', async () => {
  const kerasDir = path.join(dir, 'keras');
  await writeKerasFixture(kerasDir, { window: 8, features: 2, units: 32, outputs: 1 });
  const modelJson = fs.readFileSync(path.join(kerasDir, 'model.json'), 'utf8');
  const request = (p: string) => () => s.api.models.importKeras({ path: p, name: 'keras', datasetId: data, task: 'forecast', features: ['temp', 'vib'], targets: ['temp'] });
  const cases: [string, (d: string) => void, RegExp | undefined][] = [
    ['model.json not JSON', (d) => fs.writeFileSync(path.join(d, 'model.json'), '{"modelTopology": '), /model\.json/],
    ['no weightsManifest', (d) => fs.writeFileSync(path.join(d, 'model.json'), JSON.stringify({ ...JSON.parse(modelJson), weightsManifest: undefined })), undefined],
    ['the shard missing', (d) => fs.rmSync(path.join(d, 'group1-shard1of1.bin')), /shard|bin|weight/i],
    ['the shard cut short', (d) => fs.truncateSync(path.join(d, 'group1-shard1of1.bin'), 100), /weight|bytes|shard/i],
    ['a topology of an unknown layer', (d) => fs.writeFileSync(path.join(d, 'model.json'), modelJson.replace(/"class_name":\s*"LSTM"/, '"class_name": "QuantumLayer"')), /QuantumLayer|layer/i],
    ['a __proto__ key', (d) => fs.writeFileSync(path.join(d, 'model.json'), modelJson.replace('{', '{"__proto__": {"x": 1},')), /__proto__/],
    ['features that are not columns', () => {}, undefined],
  ];
  for (const [name, spoil, message] of cases) {
    const d = path.join(dir, `keras-${name.replace(/\W+/g, '-')}`);
    fs.cpSync(kerasDir, d, { recursive: true });
    spoil(d);
    const attempt = name === 'features that are not columns'
      ? () => s.api.models.importKeras({ path: d, name: 'keras', datasetId: data, task: 'forecast', features: ['nope', 'vib'], targets: ['temp'] })
      : request(d);
    const m = await expectRefused(s.ctx.db, s.ctx.home, `keras: ${name}`, attempt);
    if (message) assert.match(m, message, name);
  }
});

test('models:importKeras refuses a model.json declaring 100,000,000 units', async () => {
  const d = path.join(dir, 'keras-huge');
  await writeKerasFixture(d, { window: 8, features: 2, units: 32, outputs: 1 });
  fs.writeFileSync(path.join(d, 'model.json'), fs.readFileSync(path.join(d, 'model.json'), 'utf8').replace(/"units":\s*32/g, '"units": 100000000'));
  await expectRefused(s.ctx.db, s.ctx.home, 'keras huge', () => s.api.models.importKeras({ path: d, name: 'keras', datasetId: data, task: 'forecast', features: ['temp', 'vib'], targets: ['temp'] }));
});
