/** `lstm-studio demo --out FILE`: writes the seeded demo fleet CSV, the same data as the first-launch demo. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, fmtInt } from '../../shared/errors';
import { writeDemoCsv } from '../data/demo-seed';
import type { CliRequest } from './commands';
import { printJson, type CliIo } from './io';

/** Writes the demo CSV (atomically) and reports where, and how large it is. */
export async function runDemo(req: Extract<CliRequest, { kind: 'demo' }>, io: CliIo): Promise<number> {
  const out = path.resolve(req.out);
  const dir = path.dirname(out);
  if (!fs.existsSync(dir)) throw new UserError(`Cannot write ${out}: the folder ${dir} does not exist. Create it first or choose another --out.`);
  try {
    writeDemoCsv(out);
  } catch (err) {
    throw new UserError(`Cannot write ${out}: ${(err as Error).message}`);
  }
  const bytes = fs.statSync(out).size;
  if (req.global.json) printJson(io, { path: out, bytes });
  else io.stdout.write(`Wrote the demo pump fleet (${fmtInt(bytes)} bytes) to ${out}\n`);
  return 0;
}
