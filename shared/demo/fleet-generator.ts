/**
 * A seeded generator of a realistic demo fleet of pumps: the app's first-launch demo data and the
 * test data of the pipeline. Daily load cycles, sensor noise, run-to-failure degradation on about
 * half of the assets, scattered missing values and one outage. Pure TypeScript, deterministic.
 */
import { csvText } from '../csv';
import { createRng, gaussian, shuffled, uniform, type Rng } from '../random';

/** The name under which the demo data set is stored. */
export const DEMO_DATASET_NAME = 'Demo pump fleet';

/** Columns of the demo fleet, in order. */
export const DEMO_COLUMNS = [
  'timestamp',
  'asset_id',
  'temperature_c',
  'vibration_mm_s',
  'pressure_bar',
  'flow_m3h',
  'motor_current_a',
  'rpm',
  'failure',
] as const;

/** Options of `generateFleet`; all optional. */
export interface FleetOptions {
  /** Seed of the random numbers (default 42). */
  seed?: number;
  /** Number of pumps (default 8). */
  assets?: number;
  /** Length of the period in days (default 90). */
  days?: number;
  /** Minutes between rows (default 60). */
  stepMinutes?: number;
  /** ISO start time (default '2025-01-01T00:00:00Z'). */
  start?: string;
}

/** A generated fleet: long-format rows ordered by asset then time, and the failures it contains. */
export interface DemoFleet {
  columns: string[];
  rows: (string | number | null)[][];
  failures: { asset: string; time: string }[];
}

/** Share of sensor values left missing. */
const MISSING_RATE = 0.002;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Everything drawn once per asset before its series is simulated. */
interface AssetPlan {
  id: string;
  rng: Rng;
  temperature: number;
  vibration: number;
  pressure: number;
  flow: number;
  current: number;
  rpm: number;
  /** Shift in hours of the daily load peak. */
  phase: number;
  /** Last step of the series: the failure row for a failing asset. */
  lastStep: number;
  /** Step at which the failure happens, or null when the asset stays healthy (censored). */
  failStep: number | null;
  /** First step of degradation (only meaningful with a failStep). */
  degradeStep: number;
  /** Vibration multiplier reached at failure. */
  vibrationGrowth: number;
  temperatureRise: number;
  currentRise: number;
  pressureDrop: number;
  flowDrop: number;
  /** Steps [from, to) with no rows: a sensor outage. */
  outage: [number, number] | null;
}

/**
 * Generates the demo fleet. Failing assets end at their failure row (run to failure); the others
 * cover the whole period. The same options always give the same fleet.
 */
export function generateFleet(options: FleetOptions = {}): DemoFleet {
  const seed = options.seed ?? 42;
  const assets = options.assets ?? 8;
  const days = options.days ?? 90;
  const stepMinutes = options.stepMinutes ?? 60;
  const startMs = Date.parse(options.start ?? '2025-01-01T00:00:00Z');
  if (!Number.isInteger(assets) || assets < 1) throw new RangeError(`assets must be a whole number >= 1, got ${assets}.`);
  if (!(stepMinutes > 0)) throw new RangeError(`stepMinutes must be > 0, got ${stepMinutes}.`);
  if (Number.isNaN(startMs)) throw new RangeError(`start '${options.start}' is not an ISO date such as 2025-01-01T00:00:00Z.`);
  const steps = Math.floor((days * 24 * 60) / stepMinutes);
  if (!(steps >= 10)) throw new RangeError(`days x 24 x 60 / stepMinutes must give at least 10 steps, got ${steps}.`);

  const plans = planFleet(seed, assets, steps, stepMinutes);
  const rows: (string | number | null)[][] = [];
  const failures: DemoFleet['failures'] = [];
  for (const plan of plans) {
    simulateAsset(plan, startMs, stepMinutes, rows);
    if (plan.failStep !== null) failures.push({ asset: plan.id, time: formatTime(startMs + plan.failStep * stepMinutes * MS_PER_MINUTE) });
  }
  return { columns: [...DEMO_COLUMNS], rows, failures };
}

/** Writes a fleet as CSV text (the shared writer): a header line, empty fields for null, '\n' line ends. */
export function fleetToCsv(fleet: DemoFleet): string {
  return csvText([fleet.columns, ...fleet.rows]);
}

/** Draws every asset's baselines, decides which assets fail and when, and which one has an outage. */
function planFleet(seed: number, assets: number, steps: number, stepMinutes: number): AssetPlan[] {
  const fleetRng = createRng(seed);
  const order = shuffled(fleetRng, Array.from({ length: assets }, (_, i) => i));
  const failing = new Set(order.slice(0, Math.floor(assets / 2)));
  const outageAsset = order[order.length - 1] ?? 0; // a healthy asset whenever there is one
  const stepsPerDay = (24 * 60) / stepMinutes;

  return Array.from({ length: assets }, (_, i) => {
    const rng = createRng(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b));
    let failStep: number | null = null;
    let degradeStep = steps;
    if (failing.has(i)) {
      failStep = Math.round(uniform(rng, 0.45, 0.97) * (steps - 1));
      const degradeSteps = Math.min(Math.round(uniform(rng, 12, 30) * stepsPerDay), Math.round(0.6 * failStep));
      degradeStep = failStep - Math.max(1, degradeSteps);
    }
    const lastStep = failStep ?? steps - 1;
    let outage: [number, number] | null = null;
    if (i === outageAsset) {
      const length = Math.max(2, Math.round((uniform(rng, 6, 14) * 60) / stepMinutes));
      const from = Math.max(1, Math.round(uniform(rng, 0.2, 0.4) * lastStep));
      outage = [from, Math.min(from + length, lastStep)];
    }
    return {
      id: `PUMP-${String(i + 1).padStart(2, '0')}`,
      rng,
      temperature: uniform(rng, 52, 66),
      vibration: uniform(rng, 1.6, 3.0),
      pressure: uniform(rng, 4.0, 6.0),
      flow: uniform(rng, 90, 150),
      current: uniform(rng, 34, 50),
      rpm: uniform(rng, 1460, 1490),
      phase: uniform(rng, -1.5, 1.5),
      lastStep,
      failStep,
      degradeStep,
      vibrationGrowth: uniform(rng, 4, 7),
      temperatureRise: uniform(rng, 8, 15),
      currentRise: uniform(rng, 0.1, 0.18),
      pressureDrop: uniform(rng, 0.06, 0.12),
      flowDrop: uniform(rng, 0.08, 0.15),
      outage,
    };
  });
}

/** Simulates one asset step by step and appends its rows (skipping its outage, if any). */
function simulateAsset(plan: AssetPlan, startMs: number, stepMinutes: number, rows: (string | number | null)[][]): void {
  const { rng } = plan;
  const stepMs = stepMinutes * MS_PER_MINUTE;
  // Thermal inertia: temperature follows the load with a time constant of about three hours.
  const thermalAlpha = 1 - Math.exp(-stepMinutes / 180);
  let thermalLoad = 0.7;
  let demand = 0; // slow random walk of demand around the daily cycle
  let temperatureNoise = 0; // AR(1): temperature sensors drift smoothly
  let spike = 0; // steps left of a transient vibration spike (a false alarm, not a failure)

  for (let step = 0; step <= plan.lastStep; step++) {
    const ms = startMs + step * stepMs;
    const hour = (((ms / 3_600_000) % 24) + 24) % 24;
    const dayOfWeek = ((Math.floor(ms / MS_PER_DAY) + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday
    demand = 0.97 * demand + 0.01 * gaussian(rng);
    const weekend = dayOfWeek === 0 || dayOfWeek === 6 ? 0.85 : 1;
    const load = clamp((0.72 + 0.2 * Math.sin((2 * Math.PI * (hour - 8 - plan.phase)) / 24) + demand) * weekend, 0.3, 1.05);
    thermalLoad += (load - thermalLoad) * thermalAlpha;
    temperatureNoise = 0.9 * temperatureNoise + 0.15 * gaussian(rng);
    if (spike > 0) spike--;
    else if (rng() < 0.001) spike = 1 + Math.floor(rng() * 3);

    const health = plan.failStep === null || step < plan.degradeStep ? 0 : (step - plan.degradeStep) / (plan.failStep - plan.degradeStep);
    const seasonal = (0.04 * (ms - startMs)) / MS_PER_DAY; // spring warming, about 0.04 °C a day
    const temperature = plan.temperature + seasonal + 9 * (thermalLoad - 0.7) + plan.temperatureRise * health * health + temperatureNoise;
    const vibration = Math.max(
      0.1,
      plan.vibration * (0.85 + 0.25 * load) * Math.pow(plan.vibrationGrowth, health) * (spike > 0 ? 1.8 : 1) + 0.06 * plan.vibration * gaussian(rng),
    );
    const pressure = plan.pressure * (0.8 + 0.25 * load) * (1 - plan.pressureDrop * health) + 0.04 * gaussian(rng);
    const flow = plan.flow * load * (1 - plan.flowDrop * health) + 0.015 * plan.flow * gaussian(rng);
    const current = plan.current * (0.45 + 0.6 * load) * (1 + plan.currentRise * Math.pow(health, 1.5)) + 0.4 * gaussian(rng);
    const rpm = plan.rpm * (0.88 + 0.12 * load) + 3 * gaussian(rng);

    if (plan.outage !== null && step >= plan.outage[0] && step < plan.outage[1]) continue;
    rows.push([
      formatTime(ms),
      plan.id,
      sensor(rng, temperature, 1),
      sensor(rng, vibration, 2),
      sensor(rng, pressure, 2),
      sensor(rng, Math.max(0, flow), 1),
      sensor(rng, current, 1),
      sensor(rng, rpm, 0),
      step === plan.failStep ? 1 : 0,
    ]);
  }
}

/** A sensor reading rounded to `decimals`, or null (missing) with a small probability. */
function sensor(rng: Rng, value: number, decimals: number): number | null {
  if (rng() < MISSING_RATE) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Limits a value to [min, max]. */
function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Epoch ms as 'YYYY-MM-DDTHH:mm:ssZ'. */
function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
