#!/usr/bin/env node
// The `lstm-studio` command: runs the compiled CLI (dist/electron/cli/main.js) and exits with its code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'electron', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(`LSTM Studio is not built yet (${entry} is missing). Run \`npm run build\` in ${root}, then try again.\n`);
  process.exit(1);
}

/** Exits once stdout and stderr have flushed, so piped output is never cut short. */
function exitWith(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const debug = process.argv.includes('--debug') || !['', '0', undefined].includes(process.env.LSTM_STUDIO_DEBUG);

/** Any error that escapes the CLI: exit 1 with a short message (the stack only with --debug). */
function unexpected(err) {
  const message = String(err && err.message ? err.message : err).slice(0, 120);
  process.stderr.write(debug ? `Internal error: ${err && err.stack ? err.stack : String(err)}\n` : `Error: an unexpected problem stopped the command (${message}). Run it again with --debug for the details.\n`);
  exitWith(1);
}
process.on('uncaughtException', unexpected);
process.on('unhandledRejection', unexpected);

const { main } = require(entry);
main(process.argv.slice(2)).then(exitWith, unexpected);
