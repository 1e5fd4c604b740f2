/** The committed fused kernel (native/recurrent/recurrent.wasm) is built from the committed C sources. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../helpers/fixtures';

test('recurrent.wasm was rebuilt after the last change to its sources', () => {
  const dir = path.join(projectRoot(), 'native', 'recurrent');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).sort()) hash.update(f + '\n' + fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
  const stamp = fs.readFileSync(path.join(dir, 'recurrent.wasm.sources'), 'utf8').trim();
  assert.equal(hash.digest('hex'), stamp, 'native/recurrent/*.c|h changed since recurrent.wasm was built: run `node scripts/build-wasm.js` (Debian: apt-get install clang lld) and commit the .wasm');
  assert.ok(fs.statSync(path.join(dir, 'recurrent.wasm')).size > 1000);
});
