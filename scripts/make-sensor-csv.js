#!/usr/bin/env node
// Writes a large synthetic sensor CSV for benchmarks and memory checks:
//   node scripts/make-sensor-csv.js OUT.csv SIZE_MB [ASSETS]
// Columns: timestamp (ISO), asset_id, six sensors. Rows are grouped by time, assets interleaved.
const fs = require('node:fs');

const [out, sizeMb = '100', assetsArg = '20'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/make-sensor-csv.js OUT.csv SIZE_MB [ASSETS]');
  process.exit(1);
}
const target = Number(sizeMb) * 1024 * 1024;
const assets = Number(assetsArg);
const fd = fs.openSync(out + '.tmp', 'w');
let written = fs.writeSync(fd, 'timestamp,asset_id,temperature_c,vibration_mm_s,pressure_bar,flow_m3h,motor_current_a,rpm\n');
const t0 = Date.UTC(2020, 0, 1);
let step = 0;
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
while (written < target) {
  let block = '';
  for (let k = 0; k < 200; k++, step++) {
    const ts = new Date(t0 + step * 60_000).toISOString().slice(0, 19) + 'Z';
    for (let a = 0; a < assets; a++) {
      const load = Math.sin(step / 240 + a);
      block += `${ts},PUMP-${String(a + 1).padStart(3, '0')},${(60 + 5 * load + rand()).toFixed(2)},${(2 + rand()).toFixed(3)},${(4.5 + 0.3 * load).toFixed(3)},${(70 + 15 * load + rand() * 2).toFixed(2)},${(35 + 4 * load).toFixed(2)},${Math.round(1450 + 20 * load)}\n`;
    }
  }
  written += fs.writeSync(fd, block);
}
fs.closeSync(fd);
fs.renameSync(out + '.tmp', out);
console.log(`${out}: ${(written / 1048576).toFixed(0)} MB, ${step * assets} rows`);
