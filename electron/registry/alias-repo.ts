/**
 * Aliases (production, candidate, ...) and the record of every move: deploy points an alias at a
 * version, rollback moves it back to the version it pointed at before. The record is never edited,
 * so the history of an alias can always be replayed (`deployStack`).
 */
import type Database from 'better-sqlite3';
import type { AliasEvent, GateResult } from '../../shared/registry/types';

export { deployStack } from '../../shared/registry/alias-stack';

interface EventRow {
  id: number;
  name: string;
  alias: string;
  action: AliasEvent['action'];
  from_version: number | null;
  to_version: number;
  at: string;
  reason: string;
  forced: number;
  gates_json: string;
}

function toEvent(r: EventRow): AliasEvent {
  return {
    id: r.id,
    name: r.name,
    alias: r.alias,
    action: r.action,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    at: r.at,
    reason: r.reason,
    forced: r.forced === 1,
    gates: JSON.parse(r.gates_json) as GateResult[],
  };
}

/** The version an alias of a model points at, or null. */
export function aliasTarget(db: Database.Database, name: string, alias: string): number | null {
  const row = db.prepare('SELECT version FROM model_aliases WHERE name = ? AND alias = ?').get(name, alias) as { version: number } | undefined;
  return row?.version ?? null;
}

/** Every alias of a model: alias -> version. */
export function modelAliases(db: Database.Database, name: string): Record<string, number> {
  const rows = db.prepare('SELECT alias, version FROM model_aliases WHERE name = ? ORDER BY alias').all(name) as { alias: string; version: number }[];
  return Object.fromEntries(rows.map((r) => [r.alias, r.version]));
}

/** A move to record. */
export type NewAliasEvent = Omit<AliasEvent, 'id'>;

/** Points the alias at `event.toVersion` and records the move, in one transaction. */
export function moveAlias(db: Database.Database, event: NewAliasEvent): AliasEvent {
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO model_aliases (name, alias, version, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
    ).run(event.name, event.alias, event.toVersion, event.at);
    const info = db
      .prepare('INSERT INTO alias_events (name, alias, action, from_version, to_version, at, reason, forced, gates_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(event.name, event.alias, event.action, event.fromVersion, event.toVersion, event.at, event.reason, event.forced ? 1 : 0, JSON.stringify(event.gates));
    return { ...event, id: Number(info.lastInsertRowid) };
  }).immediate();
}

/** The recorded moves of a model's aliases (of one alias when given), oldest first. */
export function aliasHistory(db: Database.Database, name: string, alias?: string): AliasEvent[] {
  const rows =
    alias === undefined
      ? db.prepare('SELECT * FROM alias_events WHERE name = ? ORDER BY id').all(name)
      : db.prepare('SELECT * FROM alias_events WHERE name = ? AND alias = ? ORDER BY id').all(name, alias);
  return (rows as EventRow[]).map(toEvent);
}
