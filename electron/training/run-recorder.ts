/**
 * Records a run in the database from the main process without ever blocking it: an import holds
 * the database's write lock for its whole length, and a write that waited for it (busy_timeout)
 * would freeze the window. Writes are tried at once and, while the database is busy, retried a
 * little later; a newer history replaces an unwritten older one.
 */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import type { EpochRecord, SplitInfo } from '../../shared/model/training';
import { finishRun, insertRun, setRunHistory, setRunSplit, type NewRun, type RunEnd } from '../store/runs-repo';

/** How often a write is retried while another connection (an import) holds the write lock. */
const RETRY_MS = 250;
/** How long `start` waits for the database before refusing the run. */
const START_TIMEOUT_MS = 30_000;

/** Tries a write without waiting for the lock; false when the database is busy. */
export function tryWrite(db: Database.Database, write: () => void): boolean {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    write();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

/** The database writes of one run, in order. */
export class RunRecorder {
  private readonly pending = new Map<string, () => void>();
  private timer: NodeJS.Timeout | null = null;
  private finished: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly runId: string,
  ) {}

  /** Records the run as running; waits (without blocking) while an import holds the database. */
  async start(run: NewRun): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!tryWrite(this.db, () => insertRun(this.db, run))) {
      if (Date.now() > deadline) {
        throw new UserError('The project database stayed busy for 30 s (a large import may be running). Start the training again when it has finished.');
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** Stores the split and the data's fingerprint. */
  split(split: SplitInfo, fingerprint: string): void {
    this.queue('split', () => setRunSplit(this.db, this.runId, split, fingerprint));
  }

  /** Stores the history so far (the whole list). */
  history(history: EpochRecord[]): void {
    const copy = [...history];
    this.queue('history', () => setRunHistory(this.db, this.runId, copy));
  }

  /** Stores how the run ended; resolves once written. */
  finish(end: RunEnd): Promise<void> {
    this.pending.delete('history'); // the end holds the full history
    return new Promise((resolve, reject) => {
      this.finished = { resolve, reject };
      this.queue('finish', () => finishRun(this.db, this.runId, end));
    });
  }

  private queue(key: string, write: () => void): void {
    this.pending.set(key, write);
    if (!this.timer) this.flush();
  }

  private flush(): void {
    this.timer = null;
    for (const [key, write] of this.pending) {
      let done: boolean;
      try {
        done = tryWrite(this.db, write);
      } catch (err) {
        // A closed or broken database: nothing more can be recorded for this run.
        this.pending.clear();
        if (key === 'finish') this.finished?.reject(err as Error);
        else console.error(`Could not record training run ${this.runId}: ${(err as Error).message}`);
        return;
      }
      if (!done) {
        this.timer = setTimeout(() => this.flush(), RETRY_MS);
        return;
      }
      this.pending.delete(key);
      if (key === 'finish') this.finished?.resolve();
    }
  }
}
