/** The CLI's top level: every failure exits 1; an unexpected error prints a short message, its stack only with --debug. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { debugWanted, reportError } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/io';
import { CancelledError, UserError } from '../../shared/errors';

function memoryIo(): CliIo & { err: () => string } {
  let err = '';
  return { stdout: { write: () => true }, stderr: { write: (t: string) => ((err += t), true) }, env: {}, err: () => err };
}

test('an unexpected error exits 1 with a short message and no stack; --debug shows the stack', () => {
  const bug = new TypeError(`Cannot read properties of undefined (reading 'runId') ${'x'.repeat(500)}`);
  const io = memoryIo();
  assert.equal(reportError(bug, io), 1);
  assert.match(io.err(), /^Error: an unexpected problem stopped the command \(Cannot read properties of undefined \(reading 'runId'\) x+\.\.\.\)\. .*Run it again with --debug/);
  assert.doesNotMatch(io.err(), /\n\s+at /);
  assert.ok(io.err().length < 300, io.err());

  const debug = memoryIo();
  assert.equal(reportError(bug, debug, true), 1);
  assert.match(debug.err(), /^Internal error: Cannot read properties[\s\S]*\n\s+at /);

  const user = memoryIo();
  assert.equal(reportError(new UserError('Line 3: fix it.'), user), 1);
  assert.equal(user.err(), 'Error: Line 3: fix it.\n');
  assert.equal(reportError(new CancelledError(), memoryIo()), 1);
});

test('--debug or LSTM_STUDIO_DEBUG asks for the stack', () => {
  assert.equal(debugWanted(['import', 'x.csv'], {}), false);
  assert.equal(debugWanted(['import', 'x.csv', '--debug'], {}), true);
  assert.equal(debugWanted([], { LSTM_STUDIO_DEBUG: '1' }), true);
  assert.equal(debugWanted([], { LSTM_STUDIO_DEBUG: '0' }), false);
});
