/** Finds the version a reference means: `NAME` (latest), `NAME@VERSION` or `NAME:ALIAS`. */
import type Database from 'better-sqlite3';
import { UserError, clip } from '../../shared/errors';
import type { ModelSummary } from '../../shared/model/training';
import { refCandidates, type ModelRefSpec } from '../../shared/registry/model-ref';
import { getModel } from '../store/models-repo';
import { aliasTarget, modelAliases } from './alias-repo';

/** True when the registry holds some version of `name`. */
export function modelNameExists(db: Database.Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM models WHERE name = ? LIMIT 1').get(name) !== undefined;
}

/**
 * Resolves a reference to one version. The whole text is tried as a name first (names may contain
 * `@` or `:`), then as NAME@VERSION or NAME:ALIAS. Errors say which models or aliases exist.
 */
export function resolveModelRef(db: Database.Database, text: string): ModelSummary {
  for (const spec of refCandidates(text)) {
    if (modelNameExists(db, spec.name)) return resolveSpec(db, spec);
  }
  const name = refCandidates(text).at(-1)!.name;
  throw new UserError(`There is no model named ${clip(name)}. Run \`lstm-studio models list\` to see the saved models.`);
}

/** Resolves a parsed reference whose name exists. */
export function resolveSpec(db: Database.Database, spec: ModelRefSpec): ModelSummary {
  if (spec.alias === undefined) return getModel(db, spec.name, spec.version);
  const version = aliasTarget(db, spec.name, spec.alias);
  if (version === null) {
    const aliases = Object.entries(modelAliases(db, spec.name)).map(([a, v]) => `${a} (v${v})`);
    throw new UserError(
      `${spec.name} has no alias ${spec.alias}${aliases.length > 0 ? `; its aliases are ${aliases.join(', ')}` : ' (nothing is deployed yet)'}. ` +
        `Deploy a version first: lstm-studio models deploy ${spec.name}@VERSION --alias ${spec.alias}.`,
    );
  }
  return getModel(db, spec.name, version);
}
