/**
 * Files that are not what they seem, through the importer (and the one check every file the app
 * reads goes through): FIFOs, devices, link loops, unreadable files, a huge line without a line
 * break, UTF-16 without a byte-order mark, too many columns, deep JSON and values that would flood a
 * message. Each is refused with a short message naming the file or line, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkInputFile, fileError, readSmallFile } from '../../electron/app/input-file';
import { UserError, clip, clipPath } from '../../shared/errors';
import { MAX_COLUMNS, MAX_SEQUENCE_VALUES } from '../../shared/import/sniff';
import { parseVariantText } from '../../shared/model/variant-text';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { assertEmptyStore, freshDb, importFile } from '../helpers/store';

const dir = tempDir();

/** Imports `file`, expects a short UserError matching `message`, and checks nothing was stored. */
async function refused(file: string, message: RegExp): Promise<string> {
  const db = freshDb();
  let text = '';
  await assert.rejects(importFile(db, file), (err: Error) => {
    assert.ok(err instanceof UserError, `a UserError, got ${err.name}: ${err.message}`);
    assert.match(err.message, message);
    assert.ok(err.message.length < 300, `a short message (${err.message.length} characters): ${err.message.slice(0, 400)}`);
    text = err.message;
    return true;
  });
  assertEmptyStore(db);
  return text;
}

describe('files that are not regular files are refused up front, with the right words', () => {
  it('a named pipe (FIFO): refused at once, never waited on', { timeout: 20_000 }, async () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await refused(fifo, /pipe\.csv is a named pipe \(FIFO\), not a regular file/);
    assert.throws(() => readSmallFile(fifo, 1024, 'The config file', { flag: '--config' }), /named pipe \(FIFO\).*give --config the path/);
    assert.throws(() => parseVariantText(`task: forecast\ninput: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'The config file deep.yaml'), /^UserError: The config file deep\.yaml nests lists or objects more than 32 levels deep/);
  });

  it('a device such as /dev/zero, and a folder', async () => {
    await refused('/dev/zero', /\/dev\/zero is a device, not a regular file/);
    await refused(dir, /is a folder, not a file/);
  });

  it('a symbolic link loop is a loop, not "not found"', async () => {
    const a = path.join(dir, 'loop-a.csv');
    const b = path.join(dir, 'loop-b.csv');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    await refused(a, /loop-a\.csv is a symbolic link that leads back to itself \(a link loop\)/);
  });

  it('a file without read permission, and other file-system errors, name the file and what to do', () => {
    // Tests run as root, where chmod 000 does not stop reads: the mapping of the error is checked.
    const denied = Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' });
    const e = fileError(denied, '/data/pump.csv');
    assert.ok(e instanceof UserError);
    assert.match(e.message, /^No permission to read \/data\/pump\.csv\. Check the file's permissions/);
    assert.match(fileError(Object.assign(new Error('x'), { code: 'EISDIR' }), '/data', { flag: '--out' }).message, /\/data is a folder, not a file: give --out the path/);
    const odd = new Error('something else');
    assert.equal(fileError(odd, '/x'), odd, 'an error it does not know is passed on as is');
  });

  it('a path of thousands of characters is cut in the message, keeping the file name', () => {
    const long = path.join(dir, 'a'.repeat(200), 'b'.repeat(200), 'missing-file.csv');
    assert.throws(() => checkInputFile(long), (err: Error) => {
      assert.match(err.message, /^File not found: \.\.\..*missing-file\.csv\./);
      assert.ok(err.message.length < 300, err.message);
      return true;
    });
  });
});

describe('text the importer reads whatever its line ends and encoding', () => {
  it('a file with no line break in its first megabytes is not "blank space"', async () => {
    const file = writeTemp(dir, 'one-line.csv', '1.5,'.repeat(5 * 1024 * 1024));
    await refused(file, /one-line\.csv has no line break in its first [\d,]+ bytes/);
  });

  it('a line of more than 16 MB after good ones is refused as it is read, not gathered', async () => {
    const file = writeTemp(dir, 'long-line.csv', `time,v\n2024-01-01,1\n2024-01-02,2\n2024-01-03,${'9'.repeat(20 * 2 ** 20)}\n2024-01-04,4\n`);
    await refused(file, /^Line 4 goes on for more than 16 MB without a line break/);
  });

  it('UTF-16 without a byte-order mark, little- and big-endian, is text, not "binary"', async () => {
    const text = 'time,temp\n2024-01-01 00:00:00,1.5\n2024-01-01 01:00:00,2.5\n2024-01-01 02:00:00,3.5\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [['le.csv', le], ['be.csv', be]] as const) {
      const d = await importFile(freshDb(), writeTemp(dir, name, bytes));
      assert.equal(d.summary.rows, 3, name);
      const temp = d.columns.find((c) => c.name === 'temp');
      assert.deepEqual([temp?.min, temp?.max, temp?.mean], [1.5, 3.5, 2.5], name);
    }
    await refused(writeTemp(dir, 'zeros.csv', Buffer.from([0x89, 0x50, 0, 0, 0x0d, 0, 0, 0x1a, 0, 0, 0, 13])), /binary file .* NUL byte/);
  });

  it('CR, CRLF and LF line ends in one small file (the sample and the rows)', async () => {
    const d = await importFile(freshDb(), writeTemp(dir, 'mixed.csv', 'time,a,b\r2024-01-01 00:00:00,1,2\r\n2024-01-01 01:00:00,3,4\r2024-01-01 02:00:00,5,6\n2024-01-01 03:00:00,7,8\r'));
    assert.equal(d.summary.rows, 4);
    assert.deepEqual(d.columns.map((c) => [c.name, c.max]), [['time', Date.UTC(2024, 0, 1, 3)], ['a', 7], ['b', 8]]);
  });

  it('CR line ends where the entity is the last column, or the file has one text column: the same dataset as with LF', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), (i % 17) / 4, ['on', 'off', 'idle'][i % 3], `P-${i % 5}`]);
    const files = {
      entityLast: ['time,temp,state,asset_id', ...rows.map((r) => r.join(','))],
      oneColumn: ['state', ...rows.map((r) => String(r[2]))],
    };
    for (const [name, lines] of Object.entries(files)) {
      const mixed = lines.map((l, i) => l + ['\r', '\r\n', '\n'][i % 3]).join('');
      const got = await importFile(freshDb(), writeTemp(dir, `${name}-mixed.csv`, mixed));
      const want = await importFile(freshDb(), writeTemp(dir, `${name}-lf.csv`, lines.join('\n') + '\n'));
      assert.equal(got.summary.rows, 3000, name);
      assert.deepEqual(got.entities, want.entities, name);
      assert.deepEqual(got.columns, want.columns, name);
    }
  });
});

describe('limits before per-column state is allocated', () => {
  it(`a long-format file of more than ${MAX_COLUMNS.toLocaleString('en-US')} columns`, async () => {
    const width = 20_000;
    const row = (v: string) => Array.from({ length: width }, (_, i) => (i === 0 ? v : '1')).join(',');
    const file = writeTemp(dir, 'wide-header.csv', [Array.from({ length: width }, (_, i) => `c${i}`).join(','), row('1'), row('2'), row('3')].join('\n') + '\n');
    await refused(file, /The file has 20,000 columns; a file with one row per time step may have at most 10,000\. Keep only the columns you need, or, if each row is one sequence, import it as wide/);
  });

  it(`a wide file of more than ${MAX_SEQUENCE_VALUES.toLocaleString('en-US')} values per row`, async () => {
    const row = (label: number) => [label, ...Array.from({ length: MAX_SEQUENCE_VALUES + 10 }, (_, i) => (i % 7) / 2)].join(',');
    const file = writeTemp(dir, 'long-sequences.csv', `${row(1)}\n${row(2)}\n`);
    await refused(file, /The file has 100,011 values per row; a wide file \(one sequence per row\) may have at most 100,000/);
    const db = freshDb();
    await assert.rejects(importFile(db, file, { format: 'wide', header: false }), /may have at most 100,000/);
  });

  it('JSON nested 100,000 levels deep: a message, not a stack overflow', async () => {
    const deep = `[{"time": 1, "v": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`;
    await refused(writeTemp(dir, 'deep.json', deep), /Line 1: the record nests objects or arrays more than 64 levels deep/);
    await refused(writeTemp(dir, 'deep.jsonl', `{"time": 1, "v": 2}\n{"time": 2, "v": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}\n`), /Line 2: the record nests/);
  });
});

describe('echoed values are cut to about 80 characters', () => {
  it('a huge bad value, a huge column name and a ragged row of a wide header stay short', async () => {
    const big = 'x'.repeat(100_000);
    const msg = await refused(writeTemp(dir, 'big-value.csv', `time,${'t'.repeat(5000)}\n2024-01-01,1\n2024-01-02,2\n2024-01-03,${big}\n`), /Line 4, column `t+\.\.\.`: 'x+\.\.\.' is not a number/);
    assert.ok(!msg.includes('x'.repeat(81)));
    const names = Array.from({ length: 5000 }, (_, i) => `sensor_${i}`).join(',');
    await refused(writeTemp(dir, 'ragged-wide.csv', `${names}\n${'1,'.repeat(4999)}1\n1,2\n`), /Line 3 has 2 fields but the file has 5000 columns \(sensor_0, sensor_1, sensor_2, sensor_3, sensor_4 and 4,995 more\)/);
  });

  it('clip and clipPath', () => {
    assert.equal(clip('short'), 'short');
    assert.equal(clip('a'.repeat(200)).length, 80);
    assert.equal(clip('two\nlines'), 'two lines');
    assert.equal(clipPath(`/${'d'.repeat(200)}/pump.csv`).length, 80);
    assert.ok(clipPath(`/${'d'.repeat(200)}/pump.csv`).endsWith('/pump.csv'));
  });
});
