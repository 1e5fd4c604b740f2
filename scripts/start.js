#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): opens LSTM Studio.
 *  - With the Electron binary installed: makes sure an Electron build of better-sqlite3 exists, then
 *    runs Electron on this project, passing the arguments through (`npm start -- --home DIR`).
 *  - Without it (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or a failed download): says so and
 *    runs browser mode instead, `lstm-studio serve` with the same arguments.
 *
 * better-sqlite3 is a native module: node_modules holds the build for Node (tests, CLI, browser
 * mode). Rebuilding it in place for Electron would break all of those until `npm rebuild
 * better-sqlite3`, so the Electron build goes into a separate copy under .electron-native/ and
 * its path is handed to the app in LSTM_STUDIO_SQLITE_BINDING (electron/store/database.ts passes it
 * to better-sqlite3's `nativeBinding` option). Packaged apps do not need this: electron-builder
 * rebuilds the module for Electron when packaging.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

/** The Electron executable when it is installed, else null with the reason. */
function findElectron() {
  try {
    const binary = require('electron'); // the package's main export is the path of the binary
    if (typeof binary === 'string' && fs.existsSync(binary)) return { binary };
    return { binary: null, reason: `${binary} does not exist` };
  } catch (err) {
    const installed = fs.existsSync(path.join(root, 'node_modules', 'electron', 'package.json'));
    const reason = installed
      ? 'node_modules/electron has no dist/ folder, e.g. it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1'
      : `the electron package cannot be loaded: ${String(err && err.message ? err.message : err).split('\n')[0]}`;
    return { binary: null, reason };
  }
}

function packageVersion(name) {
  return require(path.join(root, 'node_modules', name, 'package.json')).version;
}

/**
 * Returns the path of a better_sqlite3.node built for this Electron, building it on first use
 * (@electron/rebuild downloads a prebuilt binary or Electron's headers, so it needs the internet
 * once). Cached by Electron and better-sqlite3 versions.
 */
async function electronSqliteBinding() {
  if (process.env.LSTM_STUDIO_SQLITE_BINDING) return process.env.LSTM_STUDIO_SQLITE_BINDING;
  const electronVersion = packageVersion('electron');
  const sqliteVersion = packageVersion('better-sqlite3');
  const key = `electron-${electronVersion}-better-sqlite3-${sqliteVersion}-${process.platform}-${process.arch}`;
  const cache = path.join(root, '.electron-native', key); // git-ignored
  const moduleDir = path.join(cache, 'node_modules', 'better-sqlite3');
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into ${path.relative(root, cache)} (first start only) ...`);
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
  fs.cpSync(source, moduleDir, { recursive: true, filter: (src) => !src.startsWith(path.join(source, 'build')) });
  fs.writeFileSync(
    path.join(cache, 'package.json'),
    JSON.stringify({ name: 'lstm-studio-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );
  try {
    const { rebuild } = await import('@electron/rebuild');
    // projectRootPath = the copy: without it @electron/rebuild walks up to this project's
    // package-lock.json and would also rebuild node_modules/better-sqlite3 in place, for Electron.
    await rebuild({
      buildPath: cache,
      projectRootPath: cache,
      electronVersion,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
  } catch (err) {
    fs.rmSync(cache, { recursive: true, force: true });
    throw new Error(
      `Could not build better-sqlite3 for Electron ${electronVersion}: ${err && err.message ? err.message : err}\n` +
        'The build needs the internet once (a prebuilt binary or Electron headers), and python3, make and a C++ compiler ' +
        'when no prebuilt binary fits.',
      { cause: err },
    );
  }
  if (!fs.existsSync(binding)) throw new Error(`The Electron build of better-sqlite3 did not produce ${binding}.`);
  console.log(`Built ${path.relative(root, binding)}.`);
  return binding;
}

/** Runs a command with our stdio, forwards Ctrl-C / termination to it, and exits with its code. */
function runAndExit(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`Could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Browser mode: the same back end served over HTTP, opened in the system browser. */
function runBrowserMode() {
  const cli = path.join(root, 'bin', 'lstm-studio.js');
  if (!fs.existsSync(cli)) {
    console.error(`Browser mode is not available: ${path.relative(root, cli)} is missing.`);
    process.exit(1);
  }
  runAndExit(process.execPath, [cli, 'serve', ...args], process.env);
}

async function main() {
  const { binary, reason } = findElectron();
  if (!binary) {
    console.log(`The Electron binary is not installed (${reason}); opening LSTM Studio in your browser instead.`);
    console.log('For the desktop window, download the binary once (needs the internet): `node node_modules/electron/install.js`');
    console.log('with ELECTRON_SKIP_BINARY_DOWNLOAD unset, then run `npm start` again.');
    runBrowserMode();
    return;
  }
  let binding;
  try {
    binding = await electronSqliteBinding();
  } catch (err) {
    console.error(err.message);
    console.log('Opening LSTM Studio in your browser instead.');
    runBrowserMode();
    return;
  }
  const env = { ...process.env, LSTM_STUDIO_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  runAndExit(binary, [root, ...args], env);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
