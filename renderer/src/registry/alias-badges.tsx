/** Aliases (production, candidate, custom names) as coloured badges. */
import type { ReactNode } from 'react';

/** One alias as a badge; `version` adds "→ vN". */
export function AliasBadge({ alias, version }: { alias: string; version?: number }) {
  const kind = alias === 'production' || alias === 'candidate' ? alias : 'custom';
  return (
    <span className={`status-badge alias-badge alias-${kind}`} data-testid="alias-badge" data-alias={alias}>
      {alias}
      {version !== undefined && <span className="alias-version"> → v{version}</span>}
    </span>
  );
}

/** Several aliases, production first; nothing when there are none (or the placeholder). */
export function AliasBadges({ aliases, empty = null }: { aliases: string[]; empty?: ReactNode }) {
  if (aliases.length === 0) return <>{empty}</>;
  const sorted = [...aliases].sort(compareAliases);
  return (
    <span className="alias-badges">
      {sorted.map((a) => (
        <AliasBadge key={a} alias={a} />
      ))}
    </span>
  );
}

/** Orders aliases: production, candidate, then the rest by name. */
export function compareAliases(a: string, b: string): number {
  const rank = (x: string) => (x === 'production' ? 0 : x === 'candidate' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** An alias map's entries in display order. */
export function aliasEntries(aliases: Record<string, number>): [string, number][] {
  return Object.entries(aliases).sort(([a], [b]) => compareAliases(a, b));
}
