/**
 * The importer's fast path (lines read from their bytes: ByteLineDecoder, readSimpleNumber) against
 * its general path (lines decoded to text, split into fields, RecordDecoder.decode, Number()): the same
 * values to the last bit, the same entities, profiles and errors. UTF-16 files always take the general
 * path, so the same text imported as UTF-8 and as UTF-16 must store the same dataset.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import type { ImportOptions } from '../../shared/dataset';
import { bytesToText } from '../../electron/data/record-stream';
import { runImport } from '../../electron/data/import-runner';
import { checkpoint } from '../../electron/store/database';
import { CancelledError } from '../../shared/errors';
import { ByteLineDecoder } from '../../shared/import/line-decoder';
import { RecordDecoder } from '../../shared/import/record-decoder';
import { sniff } from '../../shared/import/sniff';
import { parseNumber, parseTimestamp, readSimpleNumber } from '../../shared/import/values';
import { createRng } from '../../shared/random';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { assertEmptyStore, freshDb } from '../helpers/store';

const dir = tempDir();
const bytes = (s: string) => new TextEncoder().encode(s);

/** readSimpleNumber's value and where it found the field's end. */
function simple(b: Uint8Array, from: number, to: number, stop: number, decimal: number): { value: number; end: number } {
  const out = new Float64Array([12345]);
  const end = readSimpleNumber(b, from, to, stop, decimal, out, 0);
  return { value: out[0], end };
}

describe('the fast import path', () => {
  it('reads plain decimals exactly as Number() does, and leaves everything else to the general parser', () => {
    const rng = createRng(7);
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + Math.floor(rng() * 15);
      const int = Math.floor(rng() * 10 ** Math.min(digits, 15));
      const text = `${rng() < 0.3 ? '-' : ''}${String(int).slice(0, digits)}`;
      const cut = Math.floor(rng() * (text.length + 1));
      const s = rng() < 0.7 ? `${text.slice(0, cut) || '0'}.${text.slice(cut)}` : text;
      const { value: got, end } = simple(bytes(`,${s},7`), 1, s.length + 3, 44, 46);
      assert.equal(end, s.length + 1, `${s}: the field ends at the delimiter`);
      if (s.replace(/\D/g, '').length > 15) assert.ok(Number.isNaN(got), `${s}: more than 15 digits go to the general path`);
      else assert.ok(Object.is(got, Number(s)), `${s}: ${got} vs ${Number(s)}`);
      const comma = s.replace('.', ',');
      const viaComma = simple(bytes(comma), 0, comma.length, 59, 44).value;
      assert.ok(Number.isNaN(viaComma) || Object.is(viaComma, parseNumber(comma, ',')), comma);
    }
    for (const s of ['', ' 1', '1 ', '1e5', '0x1F', 'NA', '.', '-', '+', '1.2.3', '1234567890123456', 'Infinity', '0.12345678901234567']) {
      const { value, end } = simple(bytes(`${s};1`), 0, s.length + 2, 59, 46);
      assert.ok(Number.isNaN(value), `"${s}" is left to the general path`);
      assert.equal(end, s.length, `"${s}" ends at the delimiter`);
    }
  });

  it('reads text timestamps that are not plain ASCII with the general parser', () => {
    assert.equal(parseTimestamp('2024-01-31 12:00:00'), Date.UTC(2024, 0, 31, 12));
    assert.ok(Number.isNaN(parseTimestamp('2024-01-31 12:00:0\u0130'))); // U+0130 is not '0' (its low byte is 0x30)
  });

  for (const compile of [true, false]) {
  it(`decodes lines to the same values, entities and errors as splitting them (${compile ? 'compiled' : 'the loop'})`, () => {
    const header = 'timestamp,asset,temp,pressure,state';
    const rows = [
      '2024-03-01T00:00:00Z,P-1,12.5,-0.25,on',
      '2024-03-01 00:01:00,P-2,,1e-3,off',
      '2024-03-01T00:02:00,P-1,NA,7,on',
      '2024-02-29T23:59:59Z,P-3,-0,0.1,',
      '2024-3-1T00:03:00Z,P-2,3.14159,2.5e3,on',
      '2024-03-01,P-1,+5,5.,on',
      '2024-03-01T00:04:00Z, P-2 ,.5,-.5,état',
      '2024-03-01T00:05:00Z,Pümpe,1,2,on',
      '2024-03-01T00:06:00Z,P-2,1,2,on',
    ];
    const sniffed = sniff([header, ...rows].join('\n') + '\n', {});
    assert.equal(sniffed.options.entityColumn, 'asset');
    const slow = new RecordDecoder(sniffed);
    const fast = new ByteLineDecoder(new RecordDecoder(sniffed), ',', bytesToText('utf-8'), { compile });
    const b = new Float64Array(slow.stored.length);
    rows.forEach((line, i) => {
      const data = bytes(`x\n${line}\n`);
      assert.ok(fast.decode(data, 2, data.length - 1, i + 2), line);
      const expected = slow.decode(line.split(','), i + 2, b);
      const r = fast.batch.n - 1;
      assert.equal(fast.keys[fast.batch.entity[r]], expected, line);
      assert.equal(fast.batch.line[r], i + 2);
      assert.ok(fast.batch.cols.every((col, j) => Object.is(col[r], b[j])), line);
    });
    assert.deepEqual(fast.keys, ['P-1', 'P-2', 'P-3', 'Pümpe']);
    // A ragged line, a bad value or an empty entity goes back to the general path, which names what is wrong and where.
    const n = fast.batch.n;
    for (const bad of ['1,2', 'a,b,c,d,e,f', '2024-03-01T00:09:00Z,P-1,12..5,1,on', '2024-03-01T00:09:00Z, ,1,1,on', '2024-03-01T00:09:00Z,P-1,1,1,on,']) {
      assert.equal(fast.decode(bytes(bad), 0, bad.length, 42), false, bad);
    }
    assert.equal(fast.batch.n, n, 'a line left to the general path adds no row');
    assert.throws(() => slow.decode('2024-03-01T00:09:00Z,P-1,12..5,1,on'.split(','), 42, b), /Line 42, column `temp`: '12\.\.5' is not a number/);
    });
  }

  it('decodes numeric epoch-second times and files without an entity column the same, compiled or not', () => {
    const rows = ['1700000000;12,5;-3', '1700000060;;7', '1700000120;NA;1e3', '1700000180.5;4;5', '1700000240;1,25;-0'];
    const sniffed = sniff(['t;a;b', ...rows].join('\n') + '\n', {});
    assert.equal(sniffed.timeUnit, 'epoch-s');
    assert.equal(sniffed.options.entityColumn, null);
    const slow = new RecordDecoder(sniffed);
    const expected = new Float64Array(slow.stored.length);
    const decoders = [true, false].map((compile) => new ByteLineDecoder(new RecordDecoder(sniffed), ';', bytesToText('utf-8'), { compile }));
    rows.forEach((line, i) => {
      const data = bytes(`${line}\n`);
      slow.decode(line.split(';'), i + 2, expected);
      for (const d of decoders) {
        assert.ok(d.decode(data, 0, data.length - 1, i + 2), line);
        const r = d.batch.n - 1;
        assert.ok(d.batch.cols.every((col, j) => Object.is(col[r], expected[j])), `${line}: ${d.batch.cols.map((c) => c[r])} vs ${[...expected]}`);
        assert.equal(d.keys[d.batch.entity[r]], '');
      }
    });
    assert.equal(decoders[0].batch.cols[0][0], 1_700_000_000_000, 'epoch seconds are stored as ms');
  });
});

/** A sensor file's text with the oddities the fast path must hand over or read exactly as the general path. */
function oddText(rows: number, eol: string, quotedStates = true): string {
  const rng = createRng(11);
  const odd = ['NA', '', ' ', 'null', '1e-3', '+5', '-0', '.5', '5.', '0.1234567890123456', ' 12.5', '-.25', '00012', '1E5', 'None', '9007199254740993'];
  const names = ['P-1', 'P-2', 'Pümpe', 'Ñ-3'];
  const lines = ['timestamp,asset_id,temp,vib,state'];
  for (let i = 0; i < rows; i++) {
    const t = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 4) * 60_000).toISOString().slice(0, 19);
    const time = i % 5 === 0 ? `${t}Z` : i % 5 === 1 ? t.replace('T', ' ') : i % 97 === 0 ? `${t}.000+00:00` : t;
    const asset = i % 53 === 0 ? ` ${names[i % 4]} ` : i % 61 === 0 ? `"${names[i % 4]}"` : names[i % 4];
    const temp = i % 37 === 0 ? odd[(i / 37) % odd.length | 0] : (20 + rng() * 10).toFixed(2);
    const state = !quotedStates ? 'on' : i % 71 === 0 ? '"on, really"' : i % 89 === 0 ? '"two\nlines"' : i % 3 ? 'on' : 'off';
    lines.push(`${time},${asset},${temp},${(rng() * 3).toFixed(3)},${state}`);
    if (i % 1000 === 500) lines.push('', '   ');
  }
  return lines.join(eol) + eol;
}

/** Everything an import stored, less what depends on the file's bytes (fingerprint, size, path). */
function stored(db: Database.Database, id: number): unknown {
  const dataset = db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as Record<string, unknown>;
  for (const k of ['id', 'name', 'source_path', 'size_bytes', 'fingerprint', 'created_at', 'options_json']) delete dataset[k];
  return {
    dataset,
    columns: db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY idx').all(id),
    entities: db.prepare('SELECT * FROM entities WHERE dataset_id = ? ORDER BY idx').all(id),
    chunks: (db.prepare('SELECT entity_idx, column_idx, chunk_idx, hex(data) AS data FROM series_chunks WHERE dataset_id = ? ORDER BY 1, 2, 3').all(id) as object[]).map((c) => JSON.stringify(c)),
  };
}

/** Runs `fn` with LSTM_STUDIO_IMPORT_THREADS set to `threads` (1: one thread; 2: parsing in a worker whatever the size). */
async function withThreads<T>(threads: '1' | '2', fn: () => Promise<T>): Promise<T> {
  const before = process.env.LSTM_STUDIO_IMPORT_THREADS;
  process.env.LSTM_STUDIO_IMPORT_THREADS = threads;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.LSTM_STUDIO_IMPORT_THREADS;
    else process.env.LSTM_STUDIO_IMPORT_THREADS = before;
  }
}

/** Imports a file into a fresh database: what it stored, or the error's name and message. */
async function outcome(file: string, options: ImportOptions): Promise<unknown> {
  const db = freshDb();
  try {
    return stored(db, await runImport(db, file, options));
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  } finally {
    db.close();
  }
}

/**
 * Imports `content` as UTF-8 (the fast path, in this thread and with the parsing in a worker) and the
 * same text as UTF-16 (the general path); returns the fast outcome after checking all three agree.
 */
async function bothPaths(name: string, content: string | Buffer, utf16 = typeof content === 'string' ? content : '', options: ImportOptions = {}): Promise<[unknown, unknown]> {
  const fastFile = writeTemp(dir, `fast-${name}`, content);
  const fast = await withThreads('1', () => outcome(fastFile, options));
  const piped = await withThreads('2', () => outcome(fastFile, options));
  const general = await outcome(writeTemp(dir, `general-${name}`, Buffer.from('\uFEFF' + utf16, 'utf16le')), options);
  assert.deepEqual(piped, fast, `${name}: parsing in a worker stores what parsing here does`);
  return [fast, general];
}

describe('the fast and the general import path store the same dataset', () => {
  it('for odd values, quotes, spaces, blank lines and non-ASCII entities over several read chunks, LF and CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = oddText(40_000, eol);
      assert.ok(text.length > 1.5 * 2 ** 20, 'more than one read chunk');
      const [fast, general] = await bothPaths(`odd-${eol.length}.csv`, text);
      assert.equal(typeof fast, 'object', String(fast));
      assert.deepEqual(fast, general);
    }
  });

  it('for a line longer than a read chunk and a CRLF cut between two chunks', async () => {
    const head = 'timestamp,asset_id,v,note\r\n';
    const line = (i: number, note: string) => `${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().slice(0, 19)},P-${i % 3},${i / 4},${note}\r\n`;
    let text = head;
    let i = 0;
    while (text.length < 2 ** 20 - 200) text += line(i++, `n${i % 4}`);
    const base = line(i, '');
    text += line(i++, 'y'.repeat(2 ** 20 - 1 - text.length - (base.length - 2))); // its CR is the chunk's last byte
    assert.equal(text[2 ** 20 - 1], '\r');
    text += line(i++, 'z'.repeat(1_500_000));
    for (let k = 0; k < 2000; k++) text += line(i++, `n${i % 4}`);
    const [fast, general] = await bothPaths('long.csv', text);
    assert.equal(typeof fast, 'object', String(fast));
    assert.deepEqual(fast, general);
  });

  it('for CR, CRLF and LF line ends mixed in one file, a lone CR the last byte of a read chunk: the same dataset as with LF', async () => {
    const lines = oddText(40_000, '\n', false).split('\n').slice(0, -1);
    const ends = ['\r', '\r\n', '\n', '\r', '\r'];
    let text = '';
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
      text += lines[i] + ends[i % ends.length];
      bytes += Buffer.byteLength(lines[i]) + ends[i % ends.length].length;
      if (bytes > 2 ** 20 - 120 && bytes < 2 ** 20) {
        // Blank lines ended by lone CRs up to the last byte of the first read chunk (1 MiB).
        text += '\r'.repeat(2 ** 20 - bytes);
        bytes = 2 ** 20;
      }
    }
    assert.equal(Buffer.from(text)[2 ** 20 - 1], 13);
    assert.ok(text.includes('\r\n') && /\r[^\n]/.test(text) && /[^\r]\n/.test(text), 'all three line ends');
    const [fast, general] = await bothPaths('mixed-eol.csv', text);
    assert.equal(typeof fast, 'object', String(fast));
    assert.deepEqual(fast, general);
    const [lf] = await bothPaths('lf-eol.csv', lines.join('\n') + '\n');
    assert.deepEqual(fast, lf);
  });

  it('for Windows-1252 bytes (the euro sign is 0x80)', async () => {
    const text = ['timestamp,asset_id,v', ...Array.from({ length: 3000 }, (_, i) => `2024-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${['P€', 'Pumpeé', 'P\u2019s'][i % 3]},${i}`)].join('\n') + '\n';
    const cp1252 = Buffer.from(text.replace('€', '\x80').replace(/€/g, '\x80').replace(/\u2019/g, '\x92'), 'latin1');
    const [fast, general] = await bothPaths('cp1252.csv', cp1252, text);
    assert.equal(typeof fast, 'object', String(fast));
    assert.deepEqual((fast as { entities: { name: string }[] }).entities.map((e) => e.name), ['P€', 'Pumpeé', 'P\u2019s']);
    assert.deepEqual(fast, general);
  });

  it('for bad input: the same first error, naming the line and column', async () => {
    const good = oddText(20_000, '\n', false).split('\n');
    const cases: [string, (l: string[]) => void, RegExp][] = [
      ['ragged', (l) => (l[15_000] += ',9'), /^UserError: Line 15,001 has 6 fields but the file has 5 columns/],
      ['number', (l) => (l[15_000] = l[15_000].replace(/,[^,]*,([^,]*)$/, ',12..5,$1')), /^UserError: Line 15,001, column `vib`: '12\.\.5' is not a number/],
      ['entity', (l) => (l[15_000] = l[15_000].replace(/^([^,]*),[^,]*/, '$1, ')), /^UserError: Line 15,001, column `asset_id`: the entity \(asset\) is empty/],
      ['time', (l) => (l[15_000] = l[15_000].replace(/^[^,]*/, '2024-13-45T00:00:00Z')), /^UserError: Line 15,001, column `timestamp`: '2024-13-45T00:00:00Z' is not a date\/time/],
      ['duplicate then bad', (l) => ((l[15_000] = l[14_996]), (l[15_002] = l[15_002].replace(/,[^,]*$/, ',x,y'))), /^UserError: Column `timestamp`: the time .* appears twice for entity `.*` \(lines 14,997 and 15,001\)/],
      ['unclosed', (l) => l.splice(l.length - 1, 0, '2025-01-01T00:00:00Z,P-1,"1,2,3'), /^UserError: Line [\d,]+: a quoted field is never closed/],
    ];
    for (const [name, spoil, message] of cases) {
      const lines = [...good];
      spoil(lines);
      const [fast, general] = await bothPaths(`bad-${name.replace(/ /g, '-')}.csv`, lines.join('\n'));
      assert.match(String(fast), message, name);
      assert.equal(fast, general, name);
    }
  });

  it('for non-finite numbers (read as missing, counted) and dates outside 1900-2200 (refused)', async () => {
    const good = oddText(20_000, '\n', false).split('\n');
    const inf = [...good];
    inf[15_000] = inf[15_000].replace(/,[^,]*,([^,]*),on$/, ',Inf,$1,on');
    inf[15_001] = inf[15_001].replace(/,([^,]*),on$/, ',1e999,on');
    inf[18_000] = inf[18_000].replace(/,[^,]*,([^,]*),on$/, ',-infinity,$1,on');
    const [fast, general] = await bothPaths('non-finite.csv', inf.join('\n'));
    assert.equal(typeof fast, 'object', String(fast));
    const f = fast as { dataset: { warnings_json: string }; columns: { name: string; type: string }[] };
    assert.ok(JSON.parse(f.dataset.warnings_json).includes('3 non-finite numbers (Inf, -Inf or beyond ±1.8e308) were read as missing, the first at line 15,001, column `temp`.'), f.dataset.warnings_json);
    assert.deepEqual(f.columns.map((c) => c.type), ['datetime', 'number', 'number', 'category']);
    assert.deepEqual(fast, general);
    const cases: [string, string, RegExp][] = [
      ['1899', '1899-12-31T23:59:59Z', /^UserError: Line 15,001, column `timestamp`: '1899-12-31T23:59:59Z' is outside the years 1900-2200/],
      ['2201', '2201-01-01 00:00:00', /^UserError: Line 15,001, column `timestamp`: '2201-01-01 00:00:00' is outside the years 1900-2200/],
    ];
    for (const [name, time, message] of cases) {
      const lines = [...good];
      lines[15_000] = lines[15_000].replace(/^[^,]*/, time);
      const [bad, badGeneral] = await bothPaths(`year-${name}.csv`, lines.join('\n'));
      assert.match(String(bad), message, name);
      assert.equal(bad, badGeneral, name);
    }
    const epoch = ['time;v', ...Array.from({ length: 3000 }, (_, i) => `${1_700_000_000 + i * 60};${i}`)];
    epoch[2500] = '7289654400;1'; // 2201-01-01 in epoch seconds
    const [late, lateGeneral] = await bothPaths('epoch-2201.csv', epoch.join('\n'));
    assert.match(String(late), /^UserError: Line 2,501, column `time`: '7289654400' \(read as epoch seconds: 2201-01-01 00:00:00\) is outside the years 1900-2200/);
    assert.equal(late, lateGeneral);
  });

  it('for a lenient import (skipBadRows): the same rows skipped and listed', async () => {
    const lines = oddText(20_000, '\n', false).split('\n');
    lines[9_000] += ',9';
    lines[12_000] = lines[12_000].replace(/^([^,]*),[^,]*/, '$1, ');
    lines[15_000] = lines[14_996];
    lines[15_002] = lines[15_002].replace(/,[^,]*$/, ',x,y');
    const text = lines.join('\n');
    const [fast, general] = await bothPaths('lenient.csv', text, text, { skipBadRows: true });
    assert.equal(typeof fast, 'object', String(fast));
    const warnings = JSON.parse(String((fast as { dataset: { warnings_json: string } }).dataset.warnings_json)) as string[];
    assert.deepEqual(warnings.map((w) => /^Skipped line (\d[\d,]*\d)/.exec(w)?.[1]), ['9,001', '12,001', '15,001', '15,003']);
    assert.deepEqual(fast, general);
  });

  it('with the parsing in a worker: a cancel or a file cut short stores nothing; the commit leaves the checkpoint to the caller', async () => {
    const text = oddText(60_000, '\n', false);
    await withThreads('2', async () => {
      const db = freshDb();
      const controller = new AbortController();
      const file = writeTemp(dir, 'piped-cancel.csv', text);
      await assert.rejects(runImport(db, file, {}, { signal: controller.signal, onProgress: () => controller.abort() }), CancelledError);
      assertEmptyStore(db);
      const cut = writeTemp(dir, 'piped-cut.csv', text);
      let done = false;
      const onProgress = () => {
        if (done) return;
        fs.truncateSync(cut, 1_000_000);
        done = true;
      };
      await assert.rejects(runImport(db, cut, {}, { onProgress }), /changed while it was being read/);
      assertEmptyStore(db);
      const id = await runImport(db, file, {});
      assert.ok(checkpoint(db).checkpointed > 0, 'the pages of the import were still in the WAL');
      assert.equal((db.prepare('SELECT row_count FROM datasets WHERE id = ?').get(id) as { row_count: number }).row_count, 60_000);
      db.close();
    });
  });
});
