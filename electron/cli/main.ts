/**
 * Entry of the `lstm-studio` command line. Calls the back end in-process through the API contract.
 * Exit codes: 0 success, 1 any failure: a user error, a cancel, or an unexpected error (a short
 * message; its stack only with --debug or LSTM_STUDIO_DEBUG=1).
 */
import { clip, serializeError } from '../../shared/errors';
import { readAppVersion } from '../app/version';
import { runBenchCommand } from './bench-command';
import { parseCli, type CliRequest } from './commands';
import { runAnalysisCommand } from './analysis-command';
import { runDatasets } from './datasets-command';
import { runDemo } from './demo-command';
import { runDriftCommand } from './drift-command';
import { runScoreCommand } from './score-command';
import { commandHelp, generalHelp } from './help';
import { runImport } from './import-command';
import { processIo, type CliIo } from './io';
import { runModels, runPresets } from './models-command';
import { runReportCommand } from './report-command';
import { runServe } from './serve-command';
import { runTrain } from './train-command';

/** Runs the CLI with the arguments after the program name; resolves to the process's exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(parseCli(argv), io);
  } catch (err) {
    return reportError(err, io, debugWanted(argv, io.env));
  }
}

/** Whether an unexpected error should show its stack: `--debug` or LSTM_STUDIO_DEBUG=1. */
export function debugWanted(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--debug') || (env.LSTM_STUDIO_DEBUG !== undefined && env.LSTM_STUDIO_DEBUG !== '' && env.LSTM_STUDIO_DEBUG !== '0');
}

function run(req: CliRequest, io: CliIo): Promise<number> | number {
  switch (req.kind) {
    case 'help': {
      const text = req.command ? commandHelp(req.command) : generalHelp();
      (req.usageError ? io.stderr : io.stdout).write(text);
      return req.usageError ? 1 : 0;
    }
    case 'version':
      io.stdout.write(`lstm-studio ${readAppVersion()}\n`);
      return 0;
    case 'import':
      return runImport(req, io);
    case 'datasets':
      return runDatasets(req, io);
    case 'serve':
      return runServe(req, io);
    case 'demo':
      return runDemo(req, io);
    case 'train':
      return runTrain(req, io);
    case 'models':
      return runModels(req, io);
    case 'presets':
      return runPresets(req, io);
    case 'evaluate':
    case 'predict':
    case 'forecast':
    case 'explain':
    case 'risk':
      return runAnalysisCommand(req, io);
    case 'drift':
      return runDriftCommand(req, io);
    case 'report':
      return runReportCommand(req, io);
    case 'score':
      return runScoreCommand(req, io);
    case 'bench':
      return runBenchCommand(req, io);
  }
}

/**
 * Prints an error on stderr and returns the exit code, 1: the message for the user's errors; for an
 * unexpected one a short message (its stack only when `debug`).
 */
export function reportError(err: unknown, io: CliIo, debug = false): number {
  const e = serializeError(err);
  if (e.kind === 'cancelled') {
    io.stderr.write(`${e.message}\n`);
    return 1;
  }
  if (e.kind === 'user') {
    io.stderr.write(`Error: ${e.message}\n`);
    return 1;
  }
  if (debug) {
    io.stderr.write(`Internal error: ${e.message}\n${e.stack ?? ''}\nThis is a bug in LSTM Studio; please report it with the lines above.\n`);
    return 1;
  }
  io.stderr.write(`Error: an unexpected problem stopped the command (${clip(e.message, 120)}). Nothing half-done was kept. Run it again with --debug for the details, and report them if it persists.\n`);
  return 1;
}
