/**
 * What browser mode can reach on disk: report downloads serve only regular files inside
 * `<home>/reports/` (no links, no path tricks); file paths in requests stay inside the home's
 * uploads, reports and exports folders; uploads are capped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHandlers } from '../../electron/api/handlers';
import { openAppContext } from '../../electron/app/context';
import { tempDir } from '../helpers/fixtures';
import { op, request, startServer, type Answer } from '../helpers/server-session';

/** The error message of a refused operation (asserting it was refused as the user's mistake). */
function refusal(answer: Answer): string {
  assert.equal(answer.status, 400, answer.body);
  return JSON.parse(answer.body).error.message as string;
}

test('report downloads refuse symbolic links, hard links, folders and encoded path tricks', async () => {
  const { server, home } = await startServer();
  const reports = path.join(home, 'reports');
  fs.mkdirSync(reports, { recursive: true });
  fs.writeFileSync(path.join(reports, 'real.html'), '<p>report</p>');
  fs.symlinkSync('../studio.sqlite', path.join(reports, 'link.html'));
  fs.symlinkSync(path.join(home, 'studio.sqlite'), path.join(reports, 'abs.pdf'));
  fs.linkSync(path.join(home, 'studio.sqlite'), path.join(reports, 'hard.html'));
  fs.mkdirSync(path.join(reports, 'folder.html'));
  const get = (name: string) => request(server.port, { path: `/api/reports/${name}`, headers: { 'X-Studio-Token': server.token } });

  const real = await get('real.html');
  assert.equal(real.status, 200);
  assert.equal(real.body, '<p>report</p>');
  for (const name of ['link.html', 'abs.pdf', 'hard.html', 'folder.html', '..%2Fstudio.sqlite', '%2E%2E%2Fstudio.sqlite', '..%5Cstudio.sqlite', '%252e%252e%252fstudio.sqlite', 'real.html%00.pdf']) {
    const answer = await get(name);
    assert.equal(answer.status, 404, name);
    assert.doesNotMatch(answer.body, /SQLite format/, name);
    assert.match(JSON.parse(answer.body).error.message, /There is no report .* in this project's reports folder/, name);
  }
});

test('report downloads refuse a reports folder that is itself a link out of the home', async () => {
  const { server, home } = await startServer();
  const elsewhere = fs.mkdtempSync(path.join(path.dirname(home), 'lstm-elsewhere-'));
  fs.writeFileSync(path.join(elsewhere, 'secret.html'), 'secret');
  fs.symlinkSync(elsewhere, path.join(home, 'reports'));
  const answer = await request(server.port, { path: '/api/reports/secret.html', headers: { 'X-Studio-Token': server.token } });
  fs.rmSync(elsewhere, { recursive: true, force: true });
  assert.equal(answer.status, 404);
  assert.doesNotMatch(answer.body, /secret$/);
});

test('file paths in requests must resolve inside uploads/, reports/ or exports/; links cannot lead out', async () => {
  const { server, home } = await startServer();
  const preview = await op(server, 'datasets:preview', { path: '/etc/passwd' });
  assert.match(refusal(preview), /^The path "\/etc\/passwd" is outside the folders this app may use here \(.*uploads, .*reports, .*exports\)\. Upload the file through the app instead/);
  assert.doesNotMatch(preview.body, /root:/);
  // A link planted in uploads/ pointing out is refused after resolving it; so is a ../ path.
  fs.symlinkSync('/etc/passwd', path.join(home, 'uploads', 'passwd.csv'));
  assert.match(refusal(await op(server, 'datasets:preview', { path: path.join(home, 'uploads', 'passwd.csv') })), /is outside the folders/);
  assert.match(refusal(await op(server, 'datasets:import', { jobId: 'j', path: path.join(home, 'uploads', '..', 'studio.sqlite') })), /is outside the folders/);
  const outside = tempDir('lstm-scope-out-');
  assert.match(refusal(await op(server, 'models:export', { ref: 'x@1', path: path.join(outside, 'x.lsmodel') })), /is outside the folders/);
  assert.match(refusal(await op(server, 'models:import', { path: path.join(outside, 'x.lsmodel') })), /is outside the folders/);
  assert.match(refusal(await op(server, 'models:importKeras', { path: outside, name: 'k', datasetId: 1, task: 'forecast', features: ['a'], targets: ['a'] })), /is outside the folders/);
  assert.match(refusal(await op(server, 'reports:create', { kind: 'model', model: 'x', datasetId: 1, format: 'html', tablesDir: outside })), /^The tables folder ".*" is outside the folders/);
  assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside');
  // Inside the folders, the operation itself runs (and here says what is wrong with the file).
  fs.writeFileSync(path.join(home, 'uploads', 'ok.csv'), 'time,value\n1,2\n2,3\n3,4\n');
  const inside = await op(server, 'datasets:preview', { path: path.join(home, 'uploads', 'ok.csv') });
  assert.equal(inside.status, 200, inside.body);
  const unknownModel = await op(server, 'models:export', { ref: 'nope@1', path: path.join(home, 'exports', 'n.lsmodel') });
  assert.doesNotMatch(refusal(unknownModel), /outside the folders/);
});

test('uploads over the limit in the settings get 413 with a clear message, declared or streamed, leaving nothing', async () => {
  const { server, home, settings } = await startServer();
  settings.setUploadLimitBytes(1000);
  const body = Buffer.alloc(5000, 0x31);
  const declared = await request(server.port, { method: 'POST', path: '/api/upload?name=big.csv', headers: { 'X-Studio-Token': server.token, 'Content-Length': body.length }, body });
  assert.equal(declared.status, 413);
  assert.equal(JSON.parse(declared.body).error.message, 'big.csv is larger than the upload limit of 1000 B. Import it with the command line (`lstm-studio import FILE`), or raise "uploadLimitBytes" in settings.json in the data folder.');
  const streamed = await request(server.port, { method: 'POST', path: '/api/upload?name=big.csv', headers: { 'X-Studio-Token': server.token, 'Transfer-Encoding': 'chunked' }, body });
  assert.equal(streamed.status, 413);
  assert.match(JSON.parse(streamed.body).error.message, /larger than the upload limit of 1000 B/);
  assert.deepEqual(fs.readdirSync(path.join(home, 'uploads')), []);
  const small = await request(server.port, { method: 'POST', path: '/api/upload?name=small.csv', headers: { 'X-Studio-Token': server.token }, body: 'time,value\n1,2\n' });
  assert.equal(small.status, 200);
});

test('reports:show shows only report files inside reports/', async () => {
  const home = tempDir('lstm-show-');
  const ctx = openAppContext({ home, mode: 'desktop' });
  const shown: string[] = [];
  try {
    const handlers = createHandlers(ctx, { showFile: (f) => shown.push(f) });
    fs.mkdirSync(path.join(home, 'reports'));
    const report = path.join(home, 'reports', 'r.html');
    fs.writeFileSync(report, '<p>r</p>');
    assert.deepEqual(await handlers['reports:show']({ path: report }), { shown: true });
    await assert.rejects(handlers['reports:show']({ path: ctx.dbPath }), /Only reports in .*reports are shown in the file manager/);
    fs.symlinkSync(ctx.dbPath, path.join(home, 'reports', 'db.html'));
    await assert.rejects(handlers['reports:show']({ path: path.join(home, 'reports', 'db.html') }), /Only reports in/);
    assert.deepEqual(shown, [report]);
  } finally {
    await ctx.close();
  }
});

test('browser mode lists no recent file outside its folders, and tells the app its upload limit', async () => {
  const { server, settings } = await startServer();
  const outside = path.join(tempDir('lstm-recent-'), 'mine.csv');
  fs.writeFileSync(outside, 'time,value\n1,2\n');
  settings.addRecentFile(outside);
  const recent = await op(server, 'files:recent');
  assert.deepEqual(JSON.parse(recent.body).value, []);
  settings.setUploadLimitBytes(12345);
  assert.equal(JSON.parse((await op(server, 'app:info')).body).value.uploadLimitBytes, 12345);
});
