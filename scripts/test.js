#!/usr/bin/env node
// Runs the test tiers in order with Node's test runner: unit, fuzz (hostile inputs, seeded), integration,
// then end-to-end in Chromium through browser mode. Usage: node scripts/test.js [unit|fuzz|integration|e2e ...]
// Expects `npm run build` to have run (npm test does it). Exits non-zero when any test fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tiers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['unit', 'fuzz', 'integration', 'e2e'];
const dirs = tiers.map((t) => path.join(root, 'dist', 'test', t)).filter((d) => fs.existsSync(d));
if (dirs.length === 0) {
  console.error('No compiled tests found in dist/test: run `npm run build` first.');
  process.exit(1);
}
fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...dirs], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
