/**
 * CSV formula injection: entities named like spreadsheet formulas come out of every CSV export inert
 * (a leading `'`), while numbers, negative ones included, stay numbers. A tiny model trained by the
 * CLI on a two-entity file; then `predict --out`, `risk --out`, `score --out`, `report --tables` and
 * the CSV links embedded in the HTML report. (The app's "download as CSV" builds its text with the
 * same functions, `tableCsv` and `riskCsv`, checked in test/unit/analysis-csv.test.ts.)
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ok, runCli, type CliRun } from '../helpers/cli-run';
import { tempDir, writeTemp } from '../helpers/fixtures';

const FORMULA = '=1+1';
const DDE = "@SUM(1+1)*cmd|' /C calc'!A0";
const home = tempDir('lstm-csv-injection-');
const out = tempDir('lstm-csv-injection-out-');
const MODEL = 'hostile';

function cli(...args: string[]): Promise<CliRun> {
  return runCli(home, args);
}

/** Two entities of 60 hourly readings; values go negative so numbers starting with `-` are exported. */
function hostileFile(): string {
  const lines = ['asset,time,temp'];
  for (const [k, asset] of [FORMULA, DDE].entries()) {
    for (let i = 0; i < 60; i++) {
      const time = new Date(Date.UTC(2025, 0, 1, i)).toISOString();
      lines.push(`"${asset}",${time},${(Math.sin(i / 4 + k) * 3 - 1.5).toFixed(3)}`);
    }
  }
  return writeTemp(tempDir(), 'hostile.csv', lines.join('\n') + '\n');
}

/** The entity cells of a CSV text's rows (first column named `entity`). */
function entityCells(csv: string): string[] {
  const lines = csv.trim().split('\n');
  const col = lines[0].split(',').indexOf('entity');
  assert.ok(col >= 0, `an entity column in ${lines[0]}`);
  return [...new Set(lines.slice(1).map((l) => l.split(',')[col]))].sort();
}

/** Asserts the CSV names both entities only in their neutralised form, and keeps negative numbers. */
function assertInert(csv: string, where: string): void {
  assert.deepEqual(entityCells(csv), [`'${DDE}`, `'${FORMULA}`].sort(), where);
  for (const line of csv.trim().split('\n')) {
    for (const cell of line.split(',')) assert.doesNotMatch(cell, /^[=+@\t\r]/, `${where}: ${line}`);
  }
}

before(async () => {
  const file = hostileFile();
  ok(await cli('import', file, '--entity', 'asset', '--time', 'time'));
  ok(await cli('train', '--data', '1', '--task', 'forecast', '--target', 'temp', '--window', '6', '--horizon', '2', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', MODEL));
});

test('predict --out and score --out neutralise formula entities; negative predictions stay numbers', async () => {
  const predicted = path.join(out, 'predict.csv');
  ok(await cli('predict', '--model', MODEL, '--data', '1', '--out', predicted));
  const text = fs.readFileSync(predicted, 'utf8');
  assertInert(text, 'predict --out');
  assert.match(text, /,-\d+(\.\d+)?(e-?\d+)?,/, 'a negative prediction is written as a number');
  const scored = path.join(out, 'score.csv');
  ok(await cli('score', '--model', MODEL, '--data', '1', '--out', scored));
  assertInert(fs.readFileSync(scored, 'utf8'), 'score --out');
});

test('risk --out, report --tables and the CSV links inside the HTML report are inert', async () => {
  const risk = path.join(out, 'risk.csv');
  ok(await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'temp>0', '--out', risk));
  assertInert(fs.readFileSync(risk, 'utf8'), 'risk --out');
  const tables = path.join(out, 'tables');
  const html = path.join(out, 'risk.html');
  ok(await cli('report', '--kind', 'risk', '--model', MODEL, '--data', '1', '--limit', 'temp>0', '--out', html, '--tables', tables));
  assertInert(fs.readFileSync(path.join(tables, 'risk.csv'), 'utf8'), 'report --tables risk.csv');
  const links = [...fs.readFileSync(html, 'utf8').matchAll(/download="risk\.csv" href="data:text\/csv;charset=utf-8;base64,([^"]+)"/g)];
  assert.equal(links.length, 1, 'the HTML report embeds the risk table as CSV');
  assertInert(Buffer.from(links[0][1], 'base64').toString('utf8'), 'the HTML report\'s CSV link');
});
