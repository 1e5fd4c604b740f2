/**
 * Monitoring history in the project database: per served version, alias and minute, the requests,
 * their outcomes, latency percentiles, serving time and the worker's memory. Rows are upserted as
 * requests finish, so the history survives a crash or a restart.
 */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import type { MonitoredVersion, MonitoringSample } from '../../shared/serving/types';

/** What one minute of one version accumulated so far (with its serving time, from which throughput follows). */
export type MinuteTotals = Omit<MonitoringSample, 'throughput'> & { busyMs: number };

/** Writes (or rewrites) one minute's totals. */
export function upsertMinute(db: Database.Database, t: MinuteTotals): void {
  db.prepare(
    `INSERT INTO monitoring_samples (name, version, alias, minute, requests, successes, failures, predictions, p50_ms, p95_ms, busy_ms, rss_mb, heap_mb, tensor_mb)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name, version, alias, minute) DO UPDATE SET requests = excluded.requests, successes = excluded.successes, failures = excluded.failures,
       predictions = excluded.predictions, p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms, busy_ms = excluded.busy_ms,
       rss_mb = excluded.rss_mb, heap_mb = excluded.heap_mb, tensor_mb = excluded.tensor_mb`,
  ).run(t.name, t.version, t.alias, t.minute, t.requests, t.successes, t.failures, t.predictions, t.p50Ms, t.p95Ms, t.busyMs, t.memory.rssMb, t.memory.heapMb, t.memory.tensorMb);
}

interface SampleRow {
  name: string;
  version: number;
  alias: string;
  minute: string;
  requests: number;
  successes: number;
  failures: number;
  predictions: number;
  p50_ms: number;
  p95_ms: number;
  busy_ms: number;
  rss_mb: number;
  heap_mb: number;
  tensor_mb: number;
}

/** The stored minutes, oldest first, of one model (and version) when named, since a time when given. */
export function monitoringHistory(db: Database.Database, q: { name?: string; version?: number; since?: string }): MonitoringSample[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return;
    // Requests over HTTP are untyped: SQLite binds only text and numbers.
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new UserError(`monitoring:history: \`${clause.split(' ')[0].replace('minute', 'since')}\` must be text or a number, not ${JSON.stringify(value)?.slice(0, 40)}.`);
    }
    where.push(clause);
    args.push(value);
  };
  add('name = ?', q.name);
  add('version = ?', q.version);
  add('minute >= ?', q.since);
  const rows = db.prepare(`SELECT * FROM monitoring_samples ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY minute, name, version`).all(...args) as SampleRow[];
  return rows.map((r) => ({
    name: r.name,
    version: r.version,
    alias: r.alias,
    minute: r.minute,
    requests: r.requests,
    successes: r.successes,
    failures: r.failures,
    predictions: r.predictions,
    p50Ms: r.p50_ms,
    p95Ms: r.p95_ms,
    throughput: r.busy_ms > 0 ? (1000 * r.predictions) / r.busy_ms : 0,
    memory: { rssMb: r.rss_mb, heapMb: r.heap_mb, tensorMb: r.tensor_mb },
  }));
}

/** Every version an alias points at, with its totals (latency: the request-weighted mean of the minutes' percentiles). */
export function monitoredVersions(db: Database.Database): MonitoredVersion[] {
  const rows = db
    .prepare(
      `SELECT a.name, a.alias, a.version,
         COALESCE(SUM(s.requests), 0) AS requests, COALESCE(SUM(s.successes), 0) AS successes, COALESCE(SUM(s.predictions), 0) AS predictions,
         SUM(s.p50_ms * s.requests) / SUM(s.requests) AS p50, SUM(s.p95_ms * s.requests) / SUM(s.requests) AS p95, MAX(s.minute) AS last
       FROM model_aliases a LEFT JOIN monitoring_samples s ON s.name = a.name AND s.version = a.version AND s.alias = a.alias
       GROUP BY a.name, a.alias, a.version ORDER BY a.name, a.alias`,
    )
    .all() as { name: string; alias: string; version: number; requests: number; successes: number; predictions: number; p50: number | null; p95: number | null; last: string | null }[];
  return rows.map((r) => ({
    name: r.name,
    alias: r.alias,
    version: r.version,
    requests: r.requests,
    successRate: r.requests > 0 ? r.successes / r.requests : null,
    predictions: r.predictions,
    p50Ms: r.p50,
    p95Ms: r.p95,
    lastRequestAt: r.last,
  }));
}
