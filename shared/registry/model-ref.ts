/**
 * Model references as users write them: `NAME` (the latest version), `NAME@VERSION` and
 * `NAME:ALIAS` (the version an alias such as `production` points at).
 */
import { UserError, clip } from '../errors';

/** A parsed reference: a name with a version, an alias, or neither (the latest). */
export interface ModelRefSpec {
  name: string;
  version?: number;
  alias?: string;
}

const ALIAS = /^[a-z][a-z0-9_-]{0,39}$/;

/** True for a usable alias name: lowercase letters, digits, `_` and `-`, starting with a letter. */
export function isAliasName(alias: string): boolean {
  return ALIAS.test(alias);
}

/** Checks an alias name, or throws a UserError that says what is allowed. */
export function checkAliasName(alias: string): string {
  const a = alias.trim();
  if (!isAliasName(a)) {
    throw new UserError(`The alias "${clip(alias)}" cannot be used: give 1 to 40 lowercase letters, digits, "_" or "-", starting with a letter (e.g. production, candidate).`);
  }
  return a;
}

/**
 * Splits a reference into its parts. A name may itself contain `@` or `:`; the registry first
 * looks the whole text up as a name, then falls back to these parts (see `refCandidates`).
 */
export function parseModelRef(text: string): ModelRefSpec {
  const ref = text.trim();
  if (!ref) throw new UserError('The model reference is empty: give NAME, NAME@VERSION or NAME:ALIAS (see `lstm-studio models list`).');
  const at = /^(.+)@(\d+)$/.exec(ref);
  if (at) return { name: at[1], version: Number(at[2]) };
  const colon = /^(.+):([^:@]+)$/.exec(ref);
  if (colon && isAliasName(colon[2])) return { name: colon[1], alias: colon[2] };
  return { name: ref };
}

/** The readings of a reference to try in order: the whole text as a name first, then its parts. */
export function refCandidates(text: string): ModelRefSpec[] {
  const parsed = parseModelRef(text);
  const whole = { name: text.trim() };
  return parsed.name === whole.name ? [whole] : [whole, parsed];
}

/** Formats a reference back into text: `NAME@3`, `NAME:production` or `NAME`. */
export function formatModelRef(ref: ModelRefSpec): string {
  if (ref.version !== undefined) return `${ref.name}@${ref.version}`;
  if (ref.alias !== undefined) return `${ref.name}:${ref.alias}`;
  return ref.name;
}
