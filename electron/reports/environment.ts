/** The facts of where a report was made: app version and mode, engine backend, operating system, CPU, cores, memory. */
import * as os from 'node:os';
import type { ReportEnvironment } from '../../shared/reports/types';
import { readAppVersion } from '../app/version';

/** Reads the environment now; `engine` is what the analyses ran on. */
export function reportEnvironment(mode: string, engine: { backend: string; tfjsVersion: string }, now = new Date()): ReportEnvironment {
  const cpus = os.cpus();
  return {
    appVersion: readAppVersion(),
    backend: engine.backend,
    tfjsVersion: engine.tfjsVersion,
    mode,
    os: `${os.type()} ${os.release()} (${process.platform}-${process.arch})`,
    cpu: cpus[0]?.model.trim() || 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryBytes: os.totalmem(),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    createdAt: now.toISOString(),
  };
}
