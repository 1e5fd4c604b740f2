import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_DATASET_NAME, fleetToCsv, generateFleet } from '../../shared/demo/fleet-generator';
import type { AppContext } from '../app/context';
import { getAppState, setAppState } from '../store/database';
import { runImport } from './import-runner';

const SEEDED_KEY = 'demo_seeded';

/** Writes a file atomically: a temp file in the same folder, then a rename. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Writes the seeded demo fleet (8 pumps, 90 days, hourly, with degradation and failures) as CSV. */
export function writeDemoCsv(file: string, seed = 42): void {
  writeFileAtomic(file, fleetToCsv(generateFleet({ seed })));
}

/**
 * On first launch, generates the demo fleet into the home folder and imports it through the normal
 * importer, so the app is never empty. Runs once per home folder; a user who deletes it keeps it deleted.
 */
export async function ensureDemoData(ctx: AppContext): Promise<void> {
  if (getAppState(ctx.db, SEEDED_KEY)) return;
  const file = path.join(ctx.home, 'demo', 'demo-pump-fleet.csv');
  writeDemoCsv(file);
  await runImport(ctx.db, file, { name: DEMO_DATASET_NAME, timeColumn: 'timestamp', entityColumn: 'asset_id' });
  setAppState(ctx.db, SEEDED_KEY, new Date().toISOString());
}
