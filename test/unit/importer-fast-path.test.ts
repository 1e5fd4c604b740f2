/**
 * The importer's fast path (RecordDecoder.decodeLine on unsplit lines, parseSimpleNumber) against its
 * general path (split fields, decode, Number()): the same values to the last bit, the same errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordDecoder } from '../../shared/import/record-decoder';
import { sniff } from '../../shared/import/sniff';
import { parseNumber, parseSimpleNumber } from '../../shared/import/values';
import { createRng } from '../../shared/random';

describe('the fast import path', () => {
  it('reads plain decimals exactly as Number() does, and leaves everything else to the general parser', () => {
    const rng = createRng(7);
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + Math.floor(rng() * 15);
      const int = Math.floor(rng() * 10 ** Math.min(digits, 15));
      const text = `${rng() < 0.3 ? '-' : ''}${String(int).slice(0, digits)}`;
      const cut = Math.floor(rng() * (text.length + 1));
      const s = rng() < 0.7 ? `${text.slice(0, cut) || '0'}.${text.slice(cut)}` : text;
      const got = parseSimpleNumber(`,${s},`, 1, s.length + 1, 46);
      if (s.replace(/\D/g, '').length > 15) assert.ok(Number.isNaN(got), `${s}: more than 15 digits go to the general path`);
      else assert.ok(Object.is(got, Number(s)), `${s}: ${got} vs ${Number(s)}`);
      const comma = s.replace('.', ',');
      const viaComma = parseSimpleNumber(comma, 0, comma.length, 44);
      assert.ok(Number.isNaN(viaComma) || Object.is(viaComma, parseNumber(comma, ',')), comma);
    }
    for (const s of ['', ' 1', '1 ', '1e5', '0x1F', 'NA', '.', '-', '+', '1.2.3', '1234567890123456', 'Infinity']) {
      assert.ok(Number.isNaN(parseSimpleNumber(s, 0, s.length, 46)), `"${s}" is left to the general path`);
    }
  });

  it('decodes lines to the same values, entities and errors as splitting them', () => {
    const header = 'timestamp,asset,temp,pressure,state';
    const rows = [
      '2024-03-01T00:00:00Z,P-1,12.5,-0.25,on',
      '2024-03-01 00:01:00,P-2,,1e-3,off',
      '2024-03-01T00:02:00,P-1,NA,7,on',
      '2024-02-29T23:59:59Z,P-3,-0,0.1,',
      '2024-3-1T00:03:00Z,P-2,3.14159,2.5e3,on',
    ];
    const sniffed = sniff([header, ...rows].join('\n') + '\n', {});
    assert.equal(sniffed.options.entityColumn, 'asset');
    const fast = new RecordDecoder(sniffed);
    const slow = new RecordDecoder(sniffed);
    const a = new Float64Array(fast.stored.length);
    const b = new Float64Array(slow.stored.length);
    rows.forEach((line, i) => {
      const data = `x\n${line}\n`;
      const key = fast.decodeLine(data, 2, 2 + line.length, ',', i + 2, a);
      const expected = slow.decode(line.split(','), i + 2, b);
      assert.equal(key, expected);
      assert.deepEqual([...a].map(String), [...b].map(String), line);
      assert.ok([...a].every((v, j) => Object.is(v, b[j])), line);
    });
    assert.deepEqual([...fast.categories[fast.stored.findIndex((c) => c.name === 'state')].keys()], ['on', 'off']);
    // A ragged line or a bad value goes back to the general path, which names what is wrong and where.
    assert.equal(fast.decodeLine('1,2', 0, 3, ',', 9, a), null);
    assert.equal(fast.decodeLine('a,b,c,d,e,f', 0, 11, ',', 9, a), null);
    const bad = '2024-03-01T00:09:00Z,P-1,12..5,1,on';
    assert.equal(fast.decodeLine(bad, 0, bad.length, ',', 42, a), null);
    assert.throws(() => slow.decode(bad.split(','), 42, b), /Line 42, column `temp`: '12\.\.5' is not a number/);
  });
});
