/**
 * The quality gates a version must pass before an alias moves to it: it beats the best baseline (or the naive one),
 * meets the user's thresholds, is no worse than the version in service, fits the chosen dataset and
 * is fresh enough. Pure: the back end gathers the inputs, this decides.
 */
import { fmtNumber, fmtPct } from '../format';
import type { Task } from '../model/variant';
import { BASELINE_NAMES, baselineAdvice, bestBaseline } from '../evaluation/baseline-verdict';
import { higherIsBetter, primaryMetric } from './metric-direction';
import { formatThreshold, meetsThreshold } from './thresholds';
import type { BaselineGateMode, GateReport, GateResult, GateStatus, ModelPolicy } from './types';

const DAY_MS = 86_400_000;

/** What the gates need to know of a version. */
export interface GateSubject {
  name: string;
  version: number;
  task: Task;
  /** The metrics the gates read (validation metrics stored at training, or a test report's). */
  metrics: Record<string, number>;
  createdAt: string;
  fingerprint: string;
  /** The end of its training data in epoch ms (datetime axes only), when known. */
  dataEnd: number | null;
  /** The naive baseline (`baseline_<metric>`) in words (default: repeating the last value). */
  baselineLabel?: string;
  /** Where the metrics were measured, when not the version's own validation or test split. */
  measuredOn?: string;
}

/** Everything the gates decide on. */
export interface GateInput {
  candidate: GateSubject;
  alias: string;
  /** The version the alias points at now; with basis 'test' its metrics are on the candidate's test data. */
  inService: GateSubject | null;
  policy: ModelPolicy;
  basis: GateReport['basis'];
  /** The compatibility gate's result for a chosen dataset, or null when none was chosen. */
  compatibility: GateResult | null;
  datasetId: number | null;
  now: number;
  /** How the metrics were measured (e.g. why the stored ones were used). */
  notes?: string[];
}

/** Runs every gate and says whether the deploy may go ahead. */
export function runGates(input: GateInput): GateReport {
  const gates: GateResult[] = [
    baselineGate(input.candidate, input.policy.baselineGate),
    thresholdsGate(input.candidate, input.policy),
    inServiceGate(input),
    input.compatibility ?? { gate: 'compatibility', status: 'skip', title: 'Fits the data', detail: 'No dataset was chosen to check the columns against.' },
    freshnessGate(input.candidate, input.policy, input.now),
  ];
  return {
    model: { name: input.candidate.name, version: input.candidate.version },
    alias: input.alias,
    inService: input.inService?.version ?? null,
    basis: input.basis,
    datasetId: input.datasetId,
    gates,
    passed: gates.every((g) => g.status !== 'fail'),
    notes: input.notes ?? [],
  };
}

/** The failed gates as one sentence each, for an error message. */
export function describeFailures(report: GateReport): string[] {
  return report.gates.filter((g) => g.status === 'fail').map((g) => `${g.title}: ${g.detail}`);
}

function splitName(basis: GateReport['basis']): string {
  return basis === 'test' ? 'test split' : 'validation split';
}

function baselineGate(c: GateSubject, mode: BaselineGateMode = 'best'): GateResult {
  const title = mode === 'best' ? 'Beats the best baseline' : 'Beats the naive baseline';
  const metric = primaryMetric(c.task);
  const model = c.metrics[metric];
  // naive: the baseline the gate read before there were several (the last value; the mean RUL and the
  // majority class on test reports). best: the best of every baseline measured beside the model.
  const naive = c.metrics[`baseline_${metric}`];
  const best = mode === 'naive' && typeof naive === 'number' ? { name: c.baselineLabel ?? BASELINE_NAMES.last, value: naive } : bestBaseline(c.metrics, metric);
  if (model === undefined || !best) {
    return { gate: 'baseline', status: 'skip', title, detail: `No baseline ${metric} is stored for this ${c.task} model; evaluate it on the test split to compare it with the baselines.` };
  }
  const base = best.value;
  const better = higherIsBetter(metric) ? model > base : model < base;
  const change = base !== 0 ? ` (${fmtPct(Math.abs((model - base) / base))} ${better ? 'better' : 'worse'})` : '';
  return {
    gate: 'baseline',
    status: better ? 'pass' : 'fail',
    title,
    detail: `${metric} ${fmtNumber(model)} against ${fmtNumber(base)} for ${best.name}${mode === 'best' ? ', the best baseline' : ''}${change}.${better ? '' : ` The model does not beat it: do not use it for decisions. ${baselineAdvice(c.task)}`}`,
  };
}

function thresholdsGate(c: GateSubject, policy: ModelPolicy): GateResult {
  const title = 'Meets the thresholds';
  if (policy.thresholds.length === 0) return { gate: 'thresholds', status: 'skip', title, detail: 'No metric thresholds are set for this model.' };
  const parts = policy.thresholds.map((t) => {
    const v = c.metrics[t.metric];
    if (v === undefined) return { ok: false, text: `${t.metric} is not measured for this model (it has ${Object.keys(c.metrics).join(', ') || 'no metrics'})` };
    const ok = meetsThreshold(t, v);
    return { ok, text: `${t.metric} ${fmtNumber(v)} ${ok ? 'meets' : 'misses'} ${formatThreshold(t)}` };
  });
  const ok = parts.every((p) => p.ok);
  return { gate: 'thresholds', status: ok ? 'pass' : 'fail', title, detail: `${parts.map((p) => p.text).join('; ')}.` };
}

function inServiceGate(input: GateInput): GateResult {
  const title = 'No worse than the version in service';
  const { candidate: c, inService: s, alias } = input;
  if (!s) return { gate: 'in-service', status: 'pass', title, detail: `Nothing is deployed as ${alias} yet.` };
  const metric = primaryMetric(c.task);
  if (input.basis === 'validation' && s.fingerprint !== c.fingerprint) {
    return {
      gate: 'in-service',
      status: 'warn',
      title,
      detail: `v${s.version} (in service) was trained on other data, so their stored ${metric} values are not comparable. Evaluate both on the same test data.`,
    };
  }
  const a = c.metrics[metric];
  const b = s.metrics[metric];
  if (a === undefined || b === undefined) return { gate: 'in-service', status: 'skip', title, detail: `${metric} is not measured for both versions.` };
  const worse = higherIsBetter(metric) ? a < b : a > b;
  return {
    gate: 'in-service',
    status: worse ? 'fail' : 'pass',
    title,
    detail: `${metric} ${fmtNumber(a)} against ${fmtNumber(b)} for v${s.version} (in service as ${alias}) on ${s.measuredOn ?? `the same ${splitName(input.basis)}`}.`,
  };
}

function freshnessGate(c: GateSubject, policy: ModelPolicy, now: number): GateResult {
  const title = 'Fresh enough';
  const created = Date.parse(c.createdAt);
  const modelDays = Number.isFinite(created) ? (now - created) / DAY_MS : null;
  const dataDays = c.dataEnd !== null ? (now - c.dataEnd) / DAY_MS : null;
  const parts: { status: GateStatus; text: string }[] = [];
  if (modelDays !== null) parts.push(ageCheck('the model was trained', modelDays, policy.maxModelAgeDays));
  if (dataDays !== null) parts.push(ageCheck('its training data ends', dataDays, policy.maxDataAgeDays));
  else parts.push({ status: 'pass', text: 'the training data has no calendar time, so its age is not known' });
  const status: GateStatus = parts.some((p) => p.status === 'fail') ? 'fail' : 'pass';
  const text = parts.map((p) => p.text).join('; ');
  return { gate: 'freshness', status, title, detail: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
}

function ageCheck(what: string, days: number, max: number | null): { status: GateStatus; text: string } {
  const age = `${what} ${fmtDays(days)} ago`;
  if (max === null) return { status: 'pass', text: `${age} (no limit set)` };
  return days > max ? { status: 'fail', text: `${age}, more than the ${fmtNumber(max)} days allowed` } : { status: 'pass', text: `${age} (limit ${fmtNumber(max)} days)` };
}

function fmtDays(days: number): string {
  if (days < 1) return 'less than a day';
  const d = Math.floor(days);
  return `${d.toLocaleString('en-US')} day${d === 1 ? '' : 's'}`;
}
