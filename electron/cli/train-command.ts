/**
 * `lstm-studio train`: imports a file (or takes a dataset id), builds the config from the preset,
 * a config file, the flags and --set, and trains through the API with progress on stderr. Ctrl-C
 * stops within a batch and keeps the best model so far.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { UserError, fmtInt } from '../../shared/errors';
import { fmtDuration, fmtNumber } from '../../shared/format';
import type { TrainProgress, TrainResult } from '../../shared/model/training';
import { baselineVerdict, type BaselineVerdict } from '../../shared/evaluation/baseline-verdict';
import { applySets, parseVariantText } from '../../shared/model/variant-text';
import { formatFieldErrors, variantShapeErrors } from '../../shared/model/variant-validation';
import type { PartialVariant } from '../../shared/model/variant';
import { loadPresets } from '../training/presets';
import { mergePartials, resolveTrainConfig } from '../training/resolve-config';
import type { TrainCliRequest } from './commands';
import { formatTable } from './format';
import { printJson, type CliIo, type OutStream } from './io';
import { formatMetrics } from './models-command';
import { describeSplit } from '../../shared/training/split-text';
import { modelSelection } from '../../shared/training/model-selection';
import { LOG_INTERVAL_MS } from './progress-line';
import { resolveDataset } from './data-source';
import { checkReadableFile } from './readable-file';
import { readSmallFile } from '../app/input-file';
import { withSession } from './session';
import { onStopRequest } from './signals';

/** Trains a model; exit code 0, or 1 when Ctrl-C stopped it (the best model so far is still saved and printed). */
export async function runTrain(req: TrainCliRequest, io: CliIo): Promise<number> {
  const partial = buildConfig(req);
  // Checked before anything is imported, so a typo costs nothing.
  resolveTrainConfig(loadPresets(), req.preset, partial);
  if ('file' in req.data) checkReadableFile(path.resolve(req.data.file), '--data');

  const result = await withSession(req.global, 'cli', io, async ({ api }) => {
    const engine = await api.engine.info();
    (req.global.json ? io.stderr : io.stdout).write(`Backend: ${engine.backend}${engine.note ? ` (${engine.note})` : ''}\n`);
    const datasetId = await resolveDataset(api, req.data, io);
    const runId = `cli-train-${randomUUID()}`;
    const display = createTrainDisplay(io.stderr);
    const stopListening = api.events.onJobProgress((p) => {
      if (p.jobId === runId && p.train) display.update(p.train);
    });
    const stopSignals = onStopRequest(() => {
      display.finish();
      io.stderr.write('Stopping within a batch; the best model so far will be saved (Ctrl-C again quits at once)...\n');
      api.jobs.cancel({ jobId: runId, keepBest: true }).catch(() => {}); // the run may have just ended
    }, io.stderr);
    try {
      return await api.training.start({ runId, datasetId, config: partial, preset: req.preset, name: req.name });
    } finally {
      display.finish();
      stopListening();
      stopSignals();
    }
  });

  if (req.global.json) printJson(io, trainJson(result));
  else io.stdout.write(describeResult(result));
  if (result.run.status === 'cancelled') {
    io.stderr.write(`Training was cancelled after ${result.run.history.length} epoch(s); the best model so far was saved.\n`);
    return 1;
  }
  return 0;
}

/** The largest config file read (configs are a few hundred bytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config layers after the preset: --config FILE <- flags <- --set. */
export function buildConfig(req: Pick<TrainCliRequest, 'configFile' | 'flags' | 'sets'>): PartialVariant {
  let fromFile: PartialVariant = {};
  if (req.configFile !== undefined) {
    const file = path.resolve(req.configFile);
    const text = readSmallFile(file, MAX_CONFIG_BYTES, 'The config file', { flag: '--config', expected: 'a YAML or JSON config file' }).toString('utf8');
    fromFile = parseVariantText(text, `The config file ${path.basename(file)}`);
    const wrong = variantShapeErrors(fromFile as Record<string, unknown>);
    if (wrong.length > 0) throw new UserError(`The config file ${path.basename(file)} is not valid:\n${formatFieldErrors(wrong)}`);
  }
  return applySets(mergePartials(fromFile, req.flags), req.sets);
}

/** The `--json` result. */
export function trainJson(r: TrainResult) {
  return {
    model: r.model ? { name: r.model.name, version: r.model.version, path: r.model.path } : null,
    backend: r.backend,
    epochs: r.run.history.length,
    history: r.run.history.map((h) => ({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss })),
    validation: r.run.metrics,
    durationMs: r.run.durationMs,
    samplesPerSecond: r.samplesPerSecond,
    baseline: verdictJson(baselineVerdict(r.run.metrics, r.run.task)),
    selection: selectionOf(r.run),
  };
}

/** The verdict against the best baseline on validation, for `--json` (null when none was measured). */
function verdictJson(v: BaselineVerdict | null) {
  return v && { name: v.name, key: v.key, metric: v.metric, model: v.model, value: v.baseline, beats: v.beats, sentence: v.sentence, advice: v.advice };
}

/** What the run chose its epochs on (validation, or the training loss when validation was too small). */
function selectionOf(run: TrainResult['run']) {
  return modelSelection(run.config, run.split?.windows.validation ?? 0);
}

/** The readable result: the model, its validation metrics, where it is saved, and the epoch table. */
function describeResult(r: TrainResult): string {
  const run = r.run;
  const selection = selectionOf(run);
  // The best epoch by the loss that chose it: validation, or training when validation was too small.
  const watched = (h: TrainResult['run']['history'][number]) => (selection.monitor === 'validation' ? h.valLoss : h.loss);
  const best = run.history.reduce<number | null>((b, h, i) => (watched(h) !== null && (b === null || watched(h)! < (watched(run.history[b]) ?? Infinity)) ? i : b), null);
  const facts: [string, string][] = [
    ['task', `${run.task} on dataset ${run.datasetId} (${run.datasetName})`],
    ['epochs', `${run.history.length}${best === null ? '' : ` (best: ${run.history[best].epoch})`}${r.stoppedEarly ? ', stopped early' : ''}`],
    ['duration', fmtDuration(run.durationMs)],
    ['speed', `${fmtInt(r.samplesPerSecond)} samples/s on ${r.backend}`],
    ['validation', formatMetrics(run.metrics)],
  ];
  if (run.split) facts.splice(1, 0, ['split', describeSplit(run.split)]);
  if (r.model) facts.push(['saved to', r.model.path]);
  const width = Math.max(...facts.map(([k]) => k.length));
  const rows = run.history.map((h) => [String(h.epoch), fmtNumber(h.loss), fmtNumber(h.valLoss), fmtDuration(h.durationMs)]);
  const title = r.model ? `Model ${r.model.name} v${r.model.version}` : 'No model was saved';
  const verdict = baselineVerdict(run.metrics, run.task);
  return [
    `${title} (${run.status === 'cancelled' ? 'cancelled, best so far kept' : 'trained'})`,
    ...facts.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    ...(verdict ? [verdict.sentence, ...(verdict.advice ? [verdict.advice] : []), ''] : []),
    ...(selection.sentence ? [selection.sentence, ''] : []),
    formatTable(['epoch', 'loss', 'val loss', 'time'], rows, new Set([0, 1, 2, 3])).trimEnd(),
    '',
  ].join('\n');
}

/** Training progress on stderr: an updating line on a terminal, plus one line per finished epoch. */
export function createTrainDisplay(stream: OutStream, now: () => number = Date.now): { update(p: TrainProgress): void; finish(): void } {
  const tty = stream.isTTY === true;
  let shown = false;
  let lastLog = -Infinity;
  let phase: TrainProgress['phase'] | null = null;
  let loggedEpoch = 0;
  const clear = () => {
    if (tty && shown) stream.write('\r\x1b[K');
    shown = false;
  };
  const line = (text: string) => {
    clear();
    stream.write(text + '\n');
  };
  return {
    update(p) {
      if (p.phase !== phase) {
        phase = p.phase;
        if (p.phase === 'preparing') line('Preparing the data...');
        else if (p.phase === 'training') line(`Training (${p.epochs} epochs at most)...`);
        else if (p.phase === 'saving') line('Evaluating and saving the model...');
      }
      if (p.phase !== 'training') return;
      // The worker sends exactly one update with batch === batches per epoch: the epoch's end.
      if (p.batches > 0 && p.batch === p.batches && p.epoch > loggedEpoch) {
        loggedEpoch = p.epoch;
        line(`Epoch ${p.epoch}/${p.epochs}: loss ${fmtNumber(p.loss)}, val loss ${fmtNumber(p.valLoss)}${rate(p)}`);
        return;
      }
      const text = describeProgress(p);
      if (tty) {
        const width = Math.max(20, (stream.columns || 80) - 1);
        stream.write(`\r${text.slice(0, width)}\x1b[K`);
        shown = true;
      } else if (now() - lastLog >= LOG_INTERVAL_MS) {
        lastLog = now();
        stream.write(text + '\n');
      }
    },
    finish: clear,
  };
}

/** "Epoch 2/30, batch 40/80: loss 0.0123, val loss 0.0456, 1,234 samples/s, ETA 1.5 min". */
export function describeProgress(p: TrainProgress): string {
  const parts = [`loss ${fmtNumber(p.loss)}`];
  if (p.valLoss !== null) parts.push(`val loss ${fmtNumber(p.valLoss)}`);
  return `Epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batches}: ${parts.join(', ')}${rate(p)}`;
}

function rate(p: TrainProgress): string {
  const sps = p.samplesPerSecond === null ? '' : `, ${fmtInt(p.samplesPerSecond)} samples/s`;
  const eta = p.etaSeconds === null ? '' : `, ETA ${fmtDuration(p.etaSeconds * 1000)}`;
  return sps + eta;
}
