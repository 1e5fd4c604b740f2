/** Two versions side by side: config differences, every metric with the better side, and their curves. */
import type Database from 'better-sqlite3';
import { diffConfigs } from '../../shared/registry/config-diff';
import { betterSide } from '../../shared/registry/metric-direction';
import type { ModelComparison } from '../../shared/registry/types';
import { resolveModelRef } from './resolve-ref';
import { versionDetail } from './version-detail';

/** Compares the versions two references name (`NAME@1`, `NAME:production`, ...). */
export function compareVersions(db: Database.Database, refA: string, refB: string): ModelComparison {
  const a = versionDetail(db, resolveModelRef(db, refA));
  const b = versionDetail(db, resolveModelRef(db, refB));
  const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort();
  return {
    a,
    b,
    differences: diffConfigs(a.lineage.config, b.lineage.config),
    metrics: names.map((name) => {
      const va = a.metrics[name] ?? null;
      const vb = b.metrics[name] ?? null;
      return { name, a: va, b: vb, better: betterSide(name, va, vb) };
    }),
    sameData: a.lineage.fingerprint === b.lineage.fingerprint,
  };
}
