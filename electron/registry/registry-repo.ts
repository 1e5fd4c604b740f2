/**
 * The registry's own rows beside `models`: tags and notes, lineage of imported versions, the
 * per-model gate policy, the training references for drift checks, and deleting a version.
 */
import type Database from 'better-sqlite3';
import type { DriftReference } from '../../shared/drift/types';
import { UserError } from '../../shared/errors';
import { DEFAULT_POLICY, type ModelPolicy } from '../../shared/registry/types';

/** Replaces a version's tags and/or notes. */
export function updateVersionInfo(db: Database.Database, name: string, version: number, change: { tags?: string[]; notes?: string }): void {
  if (change.tags !== undefined) db.prepare('UPDATE models SET tags_json = ? WHERE name = ? AND version = ?').run(JSON.stringify(change.tags), name, version);
  if (change.notes !== undefined) db.prepare('UPDATE models SET notes = ? WHERE name = ? AND version = ?').run(change.notes, name, version);
}

/** A version's notes and stored lineage (imported versions only), straight from its row. */
export function versionExtras(db: Database.Database, name: string, version: number): { notes: string; lineage: unknown; datasetId: number } {
  const row = db.prepare('SELECT notes, lineage_json, dataset_id FROM models WHERE name = ? AND version = ?').get(name, version) as
    | { notes: string; lineage_json: string | null; dataset_id: number }
    | undefined;
  if (!row) throw new UserError(`There is no model ${name} version ${version}. Run \`lstm-studio models list\` to see the saved models.`);
  return { notes: row.notes, lineage: row.lineage_json ? JSON.parse(row.lineage_json) : null, datasetId: row.dataset_id };
}

/** The gate and drift policy of a model (the defaults until someone sets it). */
export function getPolicy(db: Database.Database, name: string): ModelPolicy {
  const row = db.prepare('SELECT policy_json FROM model_policies WHERE name = ?').get(name) as { policy_json: string } | undefined;
  return row ? { ...DEFAULT_POLICY, ...(JSON.parse(row.policy_json) as Partial<ModelPolicy>) } : { ...DEFAULT_POLICY };
}

/** Stores a model's policy. */
export function setPolicy(db: Database.Database, name: string, policy: ModelPolicy): void {
  db.prepare('INSERT INTO model_policies (name, policy_json) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET policy_json = excluded.policy_json').run(name, JSON.stringify(policy));
}

/** A version's training reference, or null when none was stored. */
export function getReference(db: Database.Database, name: string, version: number): DriftReference | null {
  const row = db.prepare('SELECT reference_json FROM model_references WHERE name = ? AND version = ?').get(name, version) as { reference_json: string } | undefined;
  return row ? (JSON.parse(row.reference_json) as DriftReference) : null;
}

/** Stores (or replaces) a version's training reference. */
export function setReference(db: Database.Database, name: string, version: number, reference: DriftReference): void {
  db.prepare('INSERT INTO model_references (name, version, reference_json) VALUES (?, ?, ?) ON CONFLICT (name, version) DO UPDATE SET reference_json = excluded.reference_json').run(
    name,
    version,
    JSON.stringify(reference),
  );
}

/**
 * Removes a version's row (its reference goes with it). Refuses when an alias points at it: the
 * version in service is never deleted. Returns the folder to remove.
 */
export function deleteVersionRow(db: Database.Database, name: string, version: number): string {
  return db.transaction(() => {
    const aliases = db.prepare('SELECT alias FROM model_aliases WHERE name = ? AND version = ?').all(name, version) as { alias: string }[];
    if (aliases.length > 0) {
      const list = aliases.map((a) => a.alias).join(', ');
      throw new UserError(
        `${name} v${version} cannot be deleted: it is ${list}. Deploy another version as ${aliases[0].alias} (or roll back) first, then delete it.`,
      );
    }
    const row = db.prepare('SELECT path FROM models WHERE name = ? AND version = ?').get(name, version) as { path: string } | undefined;
    if (!row) throw new UserError(`There is no model ${name} version ${version}. Run \`lstm-studio models list\` to see the saved models.`);
    db.prepare('DELETE FROM models WHERE name = ? AND version = ?').run(name, version);
    return row.path;
  }).immediate();
}
