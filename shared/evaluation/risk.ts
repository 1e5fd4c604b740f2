/**
 * Failure risk of one asset from a forecast crossing an alarm limit, or from a predicted remaining
 * useful life: a 0-100 score, a level, the estimated steps to failure with an interval, and a
 * recommended action in plain words. Pure TypeScript.
 */
import type { AlarmLimit, ReliabilityFlag, RiskLevel } from './analysis-types';

/** Scores from these up are medium and high. */
export const RISK_LEVELS = { medium: 40, high: 70 } as const;

/** The risk of one asset before it is put in words. */
export interface RiskAssessment {
  score: number;
  /**
   * Steps until failure (or the first crossing): central estimate (null when only the interval
   * reaches the limit within the horizon) and interval (upper null: not within the horizon); null
   * when nothing is expected within the horizon.
   */
  steps: { central: number | null; lower: number; upper: number | null } | null;
  driver: string;
}

/** The level of a 0-100 score. */
export function riskLevel(score: number): RiskLevel {
  return score >= RISK_LEVELS.high ? 'high' : score >= RISK_LEVELS.medium ? 'medium' : 'low';
}

/** True when a value is on the alarm side of a limit. */
export function crosses(value: number, limit: AlarmLimit): boolean {
  return limit.op === '>' ? value > limit.value : value < limit.value;
}

/**
 * Risk from a forecast (point and interval bounds, one value per step 1..H) against a limit. The
 * point forecast crossing at step k gives a high score (the sooner, the higher); only the band
 * crossing gives a medium one; otherwise the score grows as the forecast nears the limit. The
 * interval of the crossing time runs from the first step the band touches the limit to the first
 * step the whole band is past it (H + 1 when it never is within the horizon).
 */
export function limitRisk(point: readonly number[], lower: readonly number[], upper: readonly number[], limit: AlarmLimit): RiskAssessment {
  const H = point.length;
  const near = limit.op === '>' ? upper : lower; // the bound that reaches the limit first
  const far = limit.op === '>' ? lower : upper;
  const first = (values: readonly number[]) => {
    const k = values.findIndex((v) => Number.isFinite(v) && crosses(v, limit));
    return k < 0 ? null : k + 1;
  };
  const central = first(point);
  const earliest = first(near) ?? central;
  const latest = first(far);
  const value = fmt(limit.value);
  const side = limit.op === '>' ? 'above' : 'below';
  const steps = (k: number) => `${k} step${k === 1 ? '' : 's'}`;
  if (central !== null) {
    return {
      score: Math.round(RISK_LEVELS.high + (100 - RISK_LEVELS.high) * (1 - (central - 1) / H)),
      steps: { central, lower: Math.min(earliest ?? central, central), upper: latest === null ? null : Math.max(latest, central) },
      driver: `${limit.column} forecast goes ${side} ${value} in ${steps(central)}`,
    };
  }
  if (earliest !== null) {
    return {
      score: Math.round(RISK_LEVELS.medium + (RISK_LEVELS.high - 1 - RISK_LEVELS.medium) * (1 - (earliest - 1) / H)),
      steps: { central: null, lower: earliest, upper: latest },
      driver: `${limit.column} could go ${side} ${value} in ${steps(earliest)} (its interval reaches the limit; the forecast itself stays ${limit.op === '>' ? 'below' : 'above'})`,
    };
  }
  // Not crossing: closeness of the nearest forecast to the limit, in band widths.
  let closest = Infinity;
  for (let h = 0; h < H; h++) {
    const width = Math.max(1e-12, Math.abs(upper[h] - lower[h]) / 2 || Math.abs(limit.value) * 0.01 || 1e-12);
    const gap = limit.op === '>' ? limit.value - point[h] : point[h] - limit.value;
    closest = Math.min(closest, gap / width);
  }
  const proximity = Number.isFinite(closest) ? Math.max(0, 1 - (closest - 1) / 4) : 0;
  return { score: Math.round((RISK_LEVELS.medium - 1) * Math.min(1, proximity)), steps: null, driver: `${limit.column} forecast stays ${limit.op === '>' ? 'below' : 'above'} ${value} for the next ${steps(H)}` };
}

/**
 * Risk from a predicted remaining useful life (in steps) and its interval: the score is
 * 100 x (1 - RUL / reference), reference being the RUL cap or the longest training RUL.
 */
export function rulRisk(rul: number, lower: number, upper: number, reference: number): RiskAssessment {
  const r = Math.max(0, rul);
  const score = Math.round(100 * Math.min(1, Math.max(0, 1 - r / Math.max(1e-9, reference))));
  return { score, steps: { central: r, lower: Math.max(0, Math.min(r, lower)), upper: Math.max(r, upper) }, driver: `predicted remaining life ${fmt(r)} steps (interval ${fmt(Math.max(0, lower))}-${fmt(upper)})` };
}

/** What the user should do, in plain words. */
export function recommendedAction(level: RiskLevel, driver: string, reliability: ReliabilityFlag, when: string | null): string {
  const check = reliability === 'unreliable' ? ' Check the sensor data first: the input behind this score is unreliable.' : reliability === 'caution' ? ' The input data has warnings; confirm on site.' : '';
  if (level === 'high') return `Schedule maintenance${when ? ` before ${when}` : ' now'}: ${driver}.${check}`;
  if (level === 'medium') return `Inspect at the next opportunity and watch closely: ${driver}.${check}`;
  return `No action needed; keep monitoring (${driver}).${check}`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2);
}
