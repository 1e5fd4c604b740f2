/**
 * What browser mode can reach on disk: report downloads serve only regular files inside
 * `<home>/reports/` (no links, no path tricks); file paths in requests stay inside the home's
 * uploads, reports and exports folders; uploads are capped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { request, startServer } from '../helpers/server-session';

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
