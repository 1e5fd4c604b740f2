/** Model references as users type them: NAME (the latest version), NAME@VERSION, NAME:ALIAS. */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import type { ModelSummary } from '../../shared/model/training';
import { getModel } from '../store/models-repo';

/** A parsed model reference. */
export interface ModelRefText {
  name: string;
  version?: number;
  alias?: string;
}

/** Parses `NAME`, `NAME@VERSION` (VERSION a whole number, optionally `v3`) or `NAME:ALIAS`. */
export function parseModelRef(text: string): ModelRefText {
  const ref = text.trim();
  const at = /^(.+)@v?(\d+)$/.exec(ref);
  if (at) return { name: at[1], version: Number(at[2]) };
  const alias = /^(.+):([A-Za-z][\w-]*)$/.exec(ref);
  if (alias) return { name: alias[1], alias: alias[2] };
  if (!ref || ref.includes('@')) throw new UserError(`"${text}" is not a model reference: use NAME, NAME@VERSION (e.g. pumps-forecast@2) or NAME:ALIAS.`);
  return { name: ref };
}

/** Resolves an alias to a version; the registry installs the real resolver. */
export type AliasResolver = (db: Database.Database, name: string, alias: string) => number;

let aliasResolver: AliasResolver | null = null;

/** Lets the registry resolve `NAME:ALIAS` references. */
export function setAliasResolver(resolver: AliasResolver): void {
  aliasResolver = resolver;
}

/** The registered model version a reference names, or a UserError saying how to list them. */
export function resolveModelRef(db: Database.Database, text: string): ModelSummary {
  const ref = parseModelRef(text);
  if (ref.alias !== undefined) {
    if (!aliasResolver) throw new UserError(`Model aliases are not available here: name the version instead, e.g. ${ref.name}@1.`);
    return getModel(db, ref.name, aliasResolver(db, ref.name, ref.alias));
  }
  return getModel(db, ref.name, ref.version);
}
