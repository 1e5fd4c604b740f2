/** Runs `lstm-studio` as a child process, as a user does, and checks its exit code. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from './fixtures';

/** The CLI's entry script. */
export const BIN = path.join(projectRoot(), 'bin', 'lstm-studio.js');

/** What a run printed and how it exited. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` and `--home home`. */
export function runCli(home: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--home', home], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Asserts that a run succeeded (showing its stderr when not) and returns it. */
export function ok(run: CliRun): CliRun {
  assert.equal(run.code, 0, `exit ${run.code}; stderr: ${run.stderr}`);
  return run;
}
