/**
 * The main-process side of serving: starts the serving worker on first use (one per app), sends it
 * predictions for `NAME:ALIAS`, tells it to switch when an alias moves, and records every request
 * in the monitoring history (per version, alias and minute: counts, latency percentiles, memory).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError, deserializeError } from '../../shared/errors';
import { parseModelRef } from '../../shared/registry/model-ref';
import type { ServeRequest, ServeResult, ServingMemory, ServingStatus } from '../../shared/serving/types';
import type { AppContext } from '../app/context';
import { workerResourceLimits } from '../jobs/worker-limits';
import type { JobResult } from '../../shared/api';
import { upsertMinute, type MinuteTotals } from './monitoring-repo';
import type { FromWorker, ToWorker } from '../jobs/worker-protocol';
import type { ServedValue, ServingFacts, ServingJob, ServingJobName } from './serving-protocol';

/** Latencies kept per minute for its percentiles. */
const MAX_LATENCIES = 10_000;

/** The worker's answer to one request: what served it, and the value or the error. */
interface Answer {
  facts: ServingFacts;
  outcome: JobResult<ServedValue | null>;
}

interface Pending {
  facts: ServingFacts | null;
  resolve: (a: Answer) => void;
}

/** Serves the versions aliases point at, and monitors them. */
export class ServingHost {
  private worker: Worker | null = null;
  private startedAt: string | null = null;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly served = new Map<string, { name: string; alias: string; version: number; loadedAt: string; requests: number }>();
  private readonly minutes = new Map<string, MinuteTotals & { latencies: number[] }>();
  private switches = 0;
  private memory: ServingMemory | null = null;

  constructor(private readonly ctx: AppContext) {
    ctx.events.on('models:aliasMoved', (e) => {
      if (this.worker && this.served.has(`${e.name}:${e.alias}`)) void this.switchTo(e.name, e.alias);
    });
    ctx.onClose(() => this.stop());
  }

  /** Predicts with the version `req.model` (NAME:ALIAS, or NAME for production) points at, and records it. */
  async predict(req: ServeRequest): Promise<ServeResult> {
    const { name, alias } = servedAlias(req.model);
    const { facts, outcome } = await this.call('predict', { name, alias, request: req });
    if (facts.version !== null) this.record(name, alias, facts.version, facts, outcome);
    if (!outcome.ok) throw deserializeError(outcome.error);
    if (!outcome.value) throw new Error('The serving worker answered a prediction without one.');
    return outcome.value.result;
  }

  /** What the worker serves now. */
  status(): ServingStatus {
    return { running: this.worker !== null, threadId: this.worker?.threadId ?? null, startedAt: this.startedAt, served: [...this.served.values()], switches: this.switches, memory: this.memory };
  }

  /** Loads the version an alias now points at (the old one is dropped once the new one is ready). */
  private async switchTo(name: string, alias: string): Promise<void> {
    const { facts, outcome } = await this.call('switch', { name, alias });
    if (outcome.ok && facts.version !== null) this.note(name, alias, facts.version, facts.switched);
  }

  private note(name: string, alias: string, version: number, switched: boolean): void {
    const key = `${name}:${alias}`;
    const current = this.served.get(key);
    if (switched) this.switches++;
    if (!current || current.version !== version) this.served.set(key, { name, alias, version, loadedAt: new Date().toISOString(), requests: 0 });
  }

  private record(name: string, alias: string, version: number, facts: ServingFacts, outcome: Answer['outcome']): void {
    this.note(name, alias, version, facts.switched);
    this.served.get(`${name}:${alias}`)!.requests++;
    this.memory = facts.memory;
    const minute = new Date().toISOString().slice(0, 16) + ':00Z';
    const key = `${name}\u0000${version}\u0000${alias}\u0000${minute}`;
    let t = this.minutes.get(key);
    if (!t) {
      for (const [k, old] of this.minutes) if (old.minute !== minute) this.minutes.delete(k);
      t = { name, version, alias, minute, requests: 0, successes: 0, failures: 0, predictions: 0, p50Ms: 0, p95Ms: 0, busyMs: 0, memory: facts.memory, latencies: [] };
      this.minutes.set(key, t);
    }
    const served = outcome.ok ? outcome.value : null;
    const latency = served ? served.result.latencyMs : 0;
    t.requests++;
    if (served) {
      t.successes++;
      t.predictions += served.predictions;
      t.busyMs += latency;
      if (t.latencies.length < MAX_LATENCIES) t.latencies.push(latency);
      t.latencies.sort((a, b) => a - b);
      t.p50Ms = percentile(t.latencies, 0.5);
      t.p95Ms = percentile(t.latencies, 0.95);
    } else t.failures++;
    t.memory = facts.memory;
    try {
      upsertMinute(this.ctx.db, t);
    } catch (err) {
      console.error(`Could not record the monitoring of ${name} v${version}: ${(err as Error).message}`);
    }
  }

  private call(job: ServingJobName, req: ServingJob): Promise<Answer> {
    const worker = this.ensureWorker();
    const id = String(this.nextId++);
    return new Promise((resolve) => {
      this.pending.set(id, { facts: null, resolve });
      worker.postMessage({ type: 'request', id, job, req, dbPath: this.ctx.dbPath, home: this.ctx.home } satisfies ToWorker);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'serving-worker.js'), { resourceLimits: workerResourceLimits() });
    worker.unref();
    worker.on('message', (m: FromWorker<ServingFacts, ServedValue | null>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') {
        p.facts = m.progress;
        return;
      }
      this.pending.delete(m.id);
      const facts = p.facts ?? { version: null, switched: false, memory: this.memory ?? { rssMb: 0, heapMb: 0, tensorMb: 0 } };
      p.resolve({ facts, outcome: m.type === 'result' ? { ok: true, value: m.value } : { ok: false, error: m.error } });
    });
    const fail = (why: string) => {
      this.worker = null;
      this.served.clear();
      const memory = this.memory ?? { rssMb: 0, heapMb: 0, tensorMb: 0 };
      for (const p of this.pending.values()) p.resolve({ facts: { version: null, switched: false, memory }, outcome: { ok: false, error: { name: 'Error', kind: 'internal', message: why } } });
      this.pending.clear();
    };
    worker.on('error', (err) => fail(`The serving worker crashed: ${err.message}. The next request starts a new one.`));
    worker.on('exit', (code) => fail(`The serving worker stopped (exit code ${code}). The next request starts a new one.`));
    this.worker = worker;
    this.startedAt = new Date().toISOString();
    return worker;
  }

  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** NAME:ALIAS, or NAME meaning its production alias; a fixed version is not served. */
function servedAlias(ref: string): { name: string; alias: string } {
  const spec = parseModelRef(ref);
  if (spec.version !== undefined) {
    throw new UserError(`Serving answers with the version an alias points at, so it takes NAME:ALIAS (e.g. ${spec.name}:production), not ${ref}. For one fixed version, use predictions (lstm-studio predict).`);
  }
  return { name: spec.name, alias: spec.alias ?? 'production' };
}

/** The value at quantile q of sorted values (nearest rank). */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
