import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { parseDelimited, DelimitedParser } from '../../shared/import/delimited-parser';
import { JsonArraySplitter, JsonLinesSplitter } from '../../shared/import/json-records';
import { sniff } from '../../shared/import/sniff';
import { isMissing, isNonFinite, numericTimeUnit, parseNumber, parseTimestamp } from '../../shared/import/values';

describe('parseNumber', () => {
  it('reads plain, signed, exponent and decimal-comma numbers', () => {
    assert.equal(parseNumber('12.5'), 12.5);
    assert.equal(parseNumber('-3e-4'), -3e-4);
    assert.equal(parseNumber(' 7 '), 7);
    assert.equal(parseNumber('12,5', ','), 12.5);
  });
  it('rejects text, hex, infinity and empty fields', () => {
    for (const s of ['n/a', '0x1F', '0b11', 'Infinity', '', '  ', '12abc', '1.2.3']) assert.ok(Number.isNaN(parseNumber(s)), s);
    assert.ok(Number.isNaN(parseNumber('12,5', '.')));
  });
  it('knows the missing markers', () => {
    for (const s of ['', 'NA', 'NaN', 'null', '  ']) assert.ok(isMissing(s), s);
    assert.ok(!isMissing('n/a'));
    assert.ok(!isMissing('0'));
  });
});

describe('parseTimestamp', () => {
  it('reads ISO 8601 with and without offsets, as UTC when no offset is given', () => {
    assert.equal(parseTimestamp('2024-01-31T12:00:00Z'), Date.UTC(2024, 0, 31, 12));
    assert.equal(parseTimestamp('2024-01-31T12:00:00+02:00'), Date.UTC(2024, 0, 31, 10));
    assert.equal(parseTimestamp('2024-01-31T12:00:00.250Z'), Date.UTC(2024, 0, 31, 12, 0, 0, 250));
    assert.equal(parseTimestamp('2013-12-02 21:15:00'), Date.UTC(2013, 11, 2, 21, 15));
    assert.equal(parseTimestamp('2024-01-31'), Date.UTC(2024, 0, 31));
    assert.equal(parseTimestamp('31.01.2024 08:30'), Date.UTC(2024, 0, 31, 8, 30));
  });
  it('rejects impossible dates and plain numbers', () => {
    for (const s of ['2013-02-30 00:00:00', '2024-13-01', '1700000000', 'yesterday', '2024-01-01 25:00']) {
      assert.ok(Number.isNaN(parseTimestamp(s)), s);
    }
  });
  it('tells epoch milliseconds, seconds and step indexes apart by magnitude', () => {
    assert.equal(numericTimeUnit(1_700_000_000_000), 'epoch-ms');
    assert.equal(numericTimeUnit(1_700_000_000), 'epoch-s');
    assert.equal(numericTimeUnit(1), 'index');
  });
});

describe('DelimitedParser', () => {
  it('handles quotes, doubled quotes, delimiters and newlines inside quotes, CRLF and blank lines', () => {
    const rows = parseDelimited('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n', ',');
    assert.deepEqual(rows.map((r) => r.fields), [['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', '2']]);
    assert.deepEqual(rows.map((r) => r.line), [1, 2, 4]);
  });
  it('gives the same records whatever the chunk boundaries', () => {
    const text = 't;v\n1;"a\nb"\n2;"c;d"\n3;e';
    const whole = parseDelimited(text, ';').map((r) => r.fields);
    for (let cut = 1; cut < text.length; cut++) {
      const p = new DelimitedParser(';');
      const got: string[][] = [];
      p.push(text.slice(0, cut), (f) => got.push(f));
      p.push(text.slice(cut), (f) => got.push(f));
      p.end((f) => got.push(f));
      assert.deepEqual(got, whole, `cut at ${cut}`);
    }
  });
  it('splits runs of whitespace and ignores leading and trailing spaces', () => {
    assert.deepEqual(parseDelimited('1 1  -0.0007 \n1\t2 0.0019  \n', 'whitespace').map((r) => r.fields), [
      ['1', '1', '-0.0007'],
      ['1', '2', '0.0019'],
    ]);
  });
  it('reports an unclosed quote with its line', () => {
    assert.throws(() => parseDelimited('a,b\n"open,1\n', ','), /Line 2: a quoted field is never closed/);
  });
});

describe('JSON records', () => {
  it('splits an array of records across chunk boundaries, strings with braces included', () => {
    const text = '[{"t": 1, "v": "a}"},\n {"t": 2, "v": [1, {"x": 2}]}]';
    for (let cut = 1; cut < text.length; cut++) {
      const got: unknown[] = [];
      const s = new JsonArraySplitter();
      s.push(text.slice(0, cut), (r) => got.push(r));
      s.push(text.slice(cut), (r) => got.push(r));
      s.end();
      assert.deepEqual(got, [{ t: 1, v: 'a}' }, { t: 2, v: [1, { x: 2 }] }], `cut at ${cut}`);
    }
  });
  it('refuses a truncated array and a non-record element', () => {
    const s = new JsonArraySplitter();
    s.push('[{"a": 1}, {"a"', () => {});
    assert.throws(() => s.end(), /not closed/);
    assert.throws(() => new JsonArraySplitter().push('[1, 2]', () => {}), /must be a record/);
  });
  it('reads JSON Lines and names the line of invalid JSON', () => {
    const got: unknown[] = [];
    const s = new JsonLinesSplitter();
    s.push('{"a": 1}\n\n{"a": 2}\n', (r) => got.push(r));
    s.end((r) => got.push(r));
    assert.deepEqual(got, [{ a: 1 }, { a: 2 }]);
    assert.throws(() => new JsonLinesSplitter().push('{"a": 1}\n{"a": \n', () => {}), /Line 2: invalid JSON/);
  });
});

test('non-finite numbers are told apart from text; years 0-99 are not read as 1900-1999', () => {
  for (const s of ['Inf', '-inf', '+Infinity', 'INFINITY', '1e999', '-1.5E400', ' 1e309 ']) assert.ok(isNonFinite(s), s);
  for (const s of ['1e308', 'info', 'NaN', '', '12', 'Infinit', '1e99x']) assert.ok(!isNonFinite(s), s);
  assert.ok(isNonFinite('1,5e999', ','));
  assert.equal(parseTimestamp('0001-01-01 00:00:00'), -62135596800000);
  assert.equal(new Date(parseTimestamp('0099-12-31T00:00:00Z')).getUTCFullYear(), 99);
});

test('the preview counts non-finite numbers and keeps their column numeric', () => {
  const s = sniff('time,temp\n2024-01-01 00:00:00,Inf\n2024-01-01 01:00:00,-Inf\n2024-01-01 02:00:00,1e999\n', {});
  assert.deepEqual(s.columnTypes, ['datetime', 'number']);
  assert.ok(s.notes.includes("The first rows hold 3 non-finite numbers (Inf, -Inf or beyond ±1.8e308, e.g. in `temp`): they will be read as missing values, and counted in the import's warnings."), s.notes.join('\n'));
});
