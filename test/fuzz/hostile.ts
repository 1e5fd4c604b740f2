/**
 * What every hostile input must leave behind, checked the same way in each fuzz test: a refusal of
 * the user's kind (exit 1 in the CLI, a 4xx in browser mode, never an internal error), a message of
 * at most ~300 characters with no stack trace, nothing new in the project database or its home
 * folder, and a database that passes PRAGMA integrity_check. Property-based cases use fast-check
 * with a fixed seed, so a failure reproduces (its counterexample is printed).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';

/** The seed of every property in the fuzz tier (FUZZ_SEED overrides it to explore further). */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** The longest acceptable message (~300): long enough to name what, where and what to do, and a temporary folder's path. */
export const MAX_MESSAGE = 320;

/** Hostile inputs tried by this process, for the tier's summary line. */
export const tally = { tried: 0, refused: 0, accepted: 0 };

/** Row counts of every table and the files under the home (less the database's own), to compare before and after. */
export interface Snapshot {
  tables: Record<string, number>;
  files: string[];
}

/** What the project holds now. */
export function snapshot(db: Database.Database, home: string): Snapshot {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  const tables: Record<string, number> = {};
  for (const n of names) tables[n] = (db.prepare(`SELECT COUNT(*) AS n FROM "${n}"`).get() as { n: number }).n;
  return { tables, files: listFiles(home).filter((f) => !/^studio\.sqlite(-wal|-shm|-journal)?$/.test(f) && f !== 'settings.json') };
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(`${p}/`, ...listFiles(root, p));
    else out.push(p);
  }
  return out.sort();
}

/**
 * Asserts the message is one a person can act on: short, no stack, not an internal error. With
 * `perLine`, a message listing several problems (a config's wrong fields, one a line) is checked
 * line by line.
 */
export function assertGoodMessage(message: string, what: string, perLine = false, max = MAX_MESSAGE): void {
  assert.ok(message.length > 10, `${what}: a message, got '${message}'`);
  for (const part of perLine ? message.split('\n') : [message]) {
    assert.ok(part.length <= max, `${what}: ${part.length} characters (at most ${max}): ${part.slice(0, 400)}`);
  }
  assert.doesNotMatch(message, /\n\s+at |Internal error|Something went wrong|Maximum call stack|ENOENT:|EACCES:|EISDIR:|Cannot read propert|is not a function|\[object Object\]/, `${what}: ${message}`);
}

/**
 * Runs `attempt` and asserts it is refused as the user's error with a good message, the project
 * unchanged and intact. `accept` allows success (property cases whose input may turn out valid):
 * then only the integrity is checked. `perLine`: see assertGoodMessage. Returns the message ('' when accepted).
 */
export async function expectRefused(
  db: Database.Database,
  home: string,
  what: string,
  attempt: () => Promise<unknown> | unknown,
  { accept = false, perLine = false }: { accept?: boolean; perLine?: boolean } = {},
): Promise<string> {
  tally.tried++;
  const before = snapshot(db, home);
  let error: unknown = null;
  try {
    await attempt();
  } catch (err) {
    error = err;
  }
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${what}: integrity_check`);
  if (error === null) {
    assert.ok(accept, `${what}: was accepted, but must be refused`);
    tally.accepted++;
    return '';
  }
  const e = error as Error & { kind?: string };
  assert.equal(e.kind, 'user', `${what}: refused as an internal error (exit 2): ${e.stack ?? e.message}`);
  assertGoodMessage(e.message, what, perLine);
  assert.deepEqual(snapshot(db, home), before, `${what}: nothing new in the database or the home folder`);
  tally.refused++;
  return e.message;
}
