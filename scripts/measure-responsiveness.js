#!/usr/bin/env node
/**
 * Measures how the front fares while the back end is busy: a large import, a training, an evaluation
 * and a user exploring a 100 MB dataset (`datasets:series` of every sensor, one query after another)
 * at once. Meanwhile `app:info` is timed every 50 ms and the front's event-loop delay is sampled (in
 * the desktop app that loop is the main process: while it is held, the window cannot respond). Not
 * part of `npm test` (the e2e test `responsiveness.test.ts` runs a small version through Chromium).
 * Needs `node scripts/build.js node`.
 *
 *   node scripts/measure-responsiveness.js [--mb 1024] [--explore-mb 100] [--mode forked|in-process|both] [--json]
 *
 * forked: the back end in a child process, as browser mode and the desktop app run it (the front's
 * event loop only relays). in-process: the same handlers in the measuring process, as the CLI runs
 * them and as the desktop app's main process ran them before. The files are generated once into the
 * temp folder (scripts/make-sensor-csv.js).
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist', 'electron');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const mb = Number(arg('mb', '1024'));
const exploreMb = Number(arg('explore-mb', '100'));
const modes = arg('mode', 'both') === 'both' ? ['forked', 'in-process'] : [arg('mode')];
const json = process.argv.includes('--json');
const say = (line) => process.stderr.write(`${line}\n`);

/** A tiny forecaster of two demo pump sensors. */
const tiny = (epochs) => ({
  task: 'forecast',
  input: { targets: ['temperature_c'], features: ['temperature_c', 'vibration_mm_s'], window: 12, horizon: 4, stride: 4 },
  recurrent: { units: [32] },
  training: { epochs, batchSize: 256 },
});

/** Opens a back end on a fresh home: forked (a child process) or in this process. */
async function open(mode, home) {
  if (mode === 'forked') {
    const { forkBackend } = require(path.join(dist, 'api', 'fork-backend.js'));
    const client = forkBackend({ options: { home, mode: 'browser', seedDemo: true } });
    await client.whenReady();
    return { call: (op, req) => client.call(op, req), close: () => client.close() };
  }
  const { openAppContext } = require(path.join(dist, 'app', 'context.js'));
  const { createHandlers } = require(path.join(dist, 'api', 'handlers.js'));
  const { ensureDemoData } = require(path.join(dist, 'data', 'demo-seed.js'));
  const ctx = openAppContext({ home, mode: 'browser' });
  await ensureDemoData(ctx);
  const handlers = createHandlers(ctx);
  return { call: (op, req) => handlers[op](req), close: () => ctx.close() };
}

/** The value at quantile `p` of sorted numbers, to 0.1. */
const quantile = (sorted, p) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);

/** Runs the four workloads at once, timing app:info and the front's event loop meanwhile; returns the figures. */
async function measure(mode, csv, exploreCsv) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `lstm-resp-${mode}-`));
  const backend = await open(mode, home);
  try {
    const fleet = (await backend.call('datasets:list')).find((d) => d.name === 'Demo pump fleet');
    await backend.call('training:start', { runId: 'first', datasetId: fleet.id, name: 'pumps', config: tiny(1) });
    const explored = await backend.call('datasets:import', { jobId: 'explore', path: exploreCsv });
    const sensors = explored.columns.filter((c) => c.role === 'feature' && c.type === 'number').map((c) => c.name);
    const entities = explored.entities.length;
    await backend.call('engine:info');
    let running = 3;
    const done = (p) => p.finally(() => (running -= 1));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const jobs = Promise.all([
      done(backend.call('datasets:import', { jobId: 'import', path: csv })),
      done(backend.call('training:start', { runId: 'second', datasetId: fleet.id, name: 'pumps-2', config: tiny(6) })),
      done(backend.call('evaluation:run', { jobId: 'eval', model: 'pumps@1', datasetId: fleet.id })),
    ]);
    let queries = 0;
    const exploring = (async () => {
      for (let entity = 0; running > 0; entity = (entity + 1) % entities, queries++) {
        await backend.call('datasets:series', { datasetId: explored.summary.id, entity, columns: sensors, maxPoints: 2000 });
        await new Promise((r) => setImmediate(r)); // the next query comes as a new event, as from the UI
      }
    })();
    const latencies = [];
    while (running > 0) {
      const t0 = process.hrtime.bigint();
      await backend.call('app:info');
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [imported] = await jobs;
    await exploring;
    delay.disable();
    const sorted = latencies.sort((a, b) => a - b);
    return {
      mode,
      importMb: mb,
      rows: imported.summary.rows,
      seriesQueries: queries,
      seconds: +((Date.now() - started) / 1000).toFixed(1),
      appInfo: { calls: sorted.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), maxMs: +sorted.at(-1).toFixed(1) },
      frontLoopDelay: { p99Ms: +(delay.percentile(99) / 1e6).toFixed(1), maxMs: +(delay.max / 1e6).toFixed(1) },
    };
  } finally {
    await backend.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** The generated sensor file of `size` MB in the temp folder (written once). */
function sensorFile(size) {
  const csv = path.join(os.tmpdir(), `lstm-studio-responsiveness-${size}mb.csv`);
  if (!fs.existsSync(csv)) {
    say(`Writing a ${size} MB sensor file to ${csv} ...`);
    execFileSync(process.execPath, [path.join(root, 'scripts', 'make-sensor-csv.js'), csv, String(size), '20'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return csv;
}

async function main() {
  const csv = sensorFile(mb);
  const exploreCsv = sensorFile(exploreMb);
  const results = [];
  for (const mode of modes) {
    say(`Measuring ${mode} ...`);
    results.push(await measure(mode, csv, exploreCsv));
  }
  if (json) console.log(JSON.stringify({ machine: `${os.cpus().length} x ${os.cpus()[0]?.model}`, load: os.loadavg(), results }, null, 2));
  else {
    for (const r of results) {
      console.log(
        `${r.mode}: ${r.importMb} MB import (${r.rows} rows) + training + evaluation + ${r.seriesQueries} series queries in ${r.seconds} s; ` +
          `app:info median ${r.appInfo.medianMs} ms, p95 ${r.appInfo.p95Ms} ms, max ${r.appInfo.maxMs} ms (${r.appInfo.calls} calls); ` +
          `front event loop delay p99 ${r.frontLoopDelay.p99Ms} ms, max ${r.frontLoopDelay.maxMs} ms`,
      );
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
