import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgError, parseOptions } from '../../electron/cli/args';
import { parseCli } from '../../electron/cli/commands';
import { commandHelp, generalHelp } from '../../electron/cli/help';

test('import maps every flag to ImportOptions', () => {
  const req = parseCli([
    'import', 'data.csv', '--name', 'Pumps', '--time', 'ts', '--entity=unit', '--label', 'none', '--no-header',
    '--delimiter', 'tab', '--decimal', ',', '--columns', 'ts, unit ,temp', '--format', 'long', '--json', '--home', '/tmp/h',
  ]);
  assert.deepEqual(req, {
    kind: 'import',
    global: { home: '/tmp/h', json: true },
    file: 'data.csv',
    options: {
      name: 'Pumps',
      timeColumn: 'ts',
      entityColumn: 'unit',
      labelColumn: null,
      header: false,
      delimiter: '\t',
      decimal: ',',
      columns: ['ts', 'unit', 'temp'],
      format: 'long',
    },
  });
});

test('import leaves undetermined options out, and "none" means no time or entity column', () => {
  assert.deepEqual(parseCli(['import', 'x.csv']), { kind: 'import', global: { home: undefined, json: false }, file: 'x.csv', options: {} });
  const req = parseCli(['import', 'x.csv', '--time', 'none', '--entity', 'none']);
  assert.equal(req.kind, 'import');
  if (req.kind === 'import') assert.deepEqual(req.options, { timeColumn: null, entityColumn: null });
});

test('delimiters by name', () => {
  const delimiterOf = (d: string) => {
    const req = parseCli(['import', 'f', '--delimiter', d]);
    return req.kind === 'import' ? req.options.delimiter : undefined;
  };
  assert.equal(delimiterOf(','), ',');
  assert.equal(delimiterOf(';'), ';');
  assert.equal(delimiterOf('|'), '|');
  assert.equal(delimiterOf('tab'), '\t');
  assert.equal(delimiterOf('whitespace'), 'whitespace');
  assert.throws(() => delimiterOf('colon'), /--delimiter must be one of , ; tab \| whitespace; got "colon"/);
});

test('global options may come before the command', () => {
  assert.deepEqual(parseCli(['--home', '/h', '--json', 'datasets']), { kind: 'datasets', global: { home: '/h', json: true } });
  assert.deepEqual(parseCli(['--home=/h', 'datasets']), { kind: 'datasets', global: { home: '/h', json: false } });
});

test('serve: port and --no-open', () => {
  assert.deepEqual(parseCli(['serve']), { kind: 'serve', global: { home: undefined, json: false }, port: 0, open: true });
  assert.deepEqual(parseCli(['serve', '--port', '8123', '--no-open']), {
    kind: 'serve',
    global: { home: undefined, json: false },
    port: 8123,
    open: false,
  });
  assert.throws(() => parseCli(['serve', '--port', 'http']), /--port must be a whole number from 0 to 65535/);
  assert.throws(() => parseCli(['serve', '--port', '70000']), /--port must be a whole number/);
});

test('demo needs --out', () => {
  assert.deepEqual(parseCli(['demo', '--out', 'f.csv']), { kind: 'demo', global: { home: undefined, json: false }, out: 'f.csv' });
  assert.throws(() => parseCli(['demo']), (err: Error) => err instanceof ArgError && /demo needs --out FILE/.test(err.message));
});

test('a missing value names the option', () => {
  assert.throws(() => parseCli(['import', 'f.csv', '--name']), /Option --name needs a value \(--name NAME\)\. Run `lstm-studio import --help`/);
  assert.throws(() => parseCli(['import', 'f.csv', '--time', '--json']), /Option --time needs a value/);
  assert.throws(() => parseCli(['datasets', '--home']), /Option --home needs a value \(--home DIR\)/);
});

test('unknown options are rejected, naming the option and pointing to --help', () => {
  assert.throws(
    () => parseCli(['import', 'f.csv', '--sheet', '2']),
    (err: Error) => err instanceof ArgError && err.message === 'Unknown option --sheet. Run `lstm-studio import --help` to see the options.',
  );
  assert.throws(() => parseCli(['datasets', '--port', '1']), /Unknown option --port\. Run `lstm-studio datasets --help`/);
  assert.throws(() => parseCli(['datasets', '-x']), /Unknown option -x\./);
  assert.throws(() => parseCli(['--bogus']), /Unknown option --bogus\. Run `lstm-studio --help`/);
  assert.throws(() => parseCli(['datasets', '--json=yes']), /Option --json takes no value/);
});

test('unknown commands and stray arguments are rejected', () => {
  assert.throws(() => parseCli(['fit']), /Unknown command "fit"\. Commands: import, datasets, serve, demo, train, models, presets, bench\. Run `lstm-studio --help`/);
  assert.throws(() => parseCli(['datasets', 'extra']), /Unexpected argument "extra" for lstm-studio datasets/);
  assert.throws(() => parseCli(['import']), /lstm-studio import needs a FILE/);
  assert.throws(() => parseCli(['import', 'a.csv', 'b.csv']), /Unexpected argument "b.csv"/);
});

test('bad values are explained', () => {
  assert.throws(() => parseCli(['import', 'f', '--format', 'tall']), /--format must be one of long or wide; got "tall"/);
  assert.throws(() => parseCli(['import', 'f', '--decimal', ':']), /--decimal must be one of \. or ,/);
  assert.throws(() => parseCli(['import', 'f', '--columns', 'a,,b']), /--columns "a,,b" has an empty name/);
  assert.throws(() => parseCli(['import', 'f', '--name', '  ']), /--name cannot be empty/);
});

test('help, version and no command', () => {
  assert.deepEqual(parseCli(['--help']), { kind: 'help', usageError: false });
  assert.deepEqual(parseCli([]), { kind: 'help', usageError: true });
  assert.deepEqual(parseCli(['--version']), { kind: 'version' });
  for (const cmd of ['import', 'datasets', 'serve', 'demo'] as const) {
    assert.deepEqual(parseCli([cmd, '--help']), { kind: 'help', command: cmd, usageError: false });
    assert.deepEqual(parseCli([cmd, '-h']), { kind: 'help', command: cmd, usageError: false });
    assert.match(commandHelp(cmd), new RegExp(`^Usage: lstm-studio ${cmd}`));
  }
  assert.match(commandHelp('import'), /--no-header/);
  assert.match(generalHelp(), /import +Import a CSV/);
});

test('parseOptions: --, values that look negative, last value wins', () => {
  const specs = { n: { type: 'string' as const, description: '' }, f: { type: 'flag' as const, short: 'f', description: '' } };
  assert.deepEqual(parseOptions(['--n', '-5', '-f', '--', '--n'], specs, 'x --help'), { values: { n: '-5', f: true }, positionals: ['--n'] });
  assert.deepEqual(parseOptions(['--n', 'a', '--n=b', '-'], specs, 'x --help'), { values: { n: 'b' }, positionals: ['-'] });
});
