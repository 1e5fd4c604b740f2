/**
 * A small synthetic run-to-failure fleet in the shape of NASA's C-MAPSS FD002/FD004: units flown
 * from new to failure, each cycle in one of six operating regimes (three setting columns), and
 * sensors whose level and spread are set by the regime, plus a degradation that grows
 * exponentially towards the unit's failure, plus noise. Raw sensors are dominated by the regime;
 * only per-regime normalisation leaves the degradation visible, as on the real data.
 */
import { createRng, gaussian, uniform } from '../../shared/random';

/** The operating regimes: altitude (kft), Mach number and throttle resolver angle, as in C-MAPSS. */
const REGIMES = [
  [0, 0, 100],
  [10, 0.25, 100],
  [20, 0.7, 100],
  [25, 0.62, 60],
  [35, 0.84, 100],
  [42, 0.84, 100],
];

/** The small scatter of the measured settings around their regime's values. */
const SETTING_NOISE = [0.003, 0.0003, 0];

/** How many sensors, and how strongly each follows the regime and the wear (some do not wear at all). */
const SENSORS = [
  { regime: 40, wear: 1.0, noise: 0.35 },
  { regime: 25, wear: -0.8, noise: 0.3 },
  { regime: 60, wear: 0.6, noise: 0.3 },
  { regime: 15, wear: 0, noise: 0.3 },
  { regime: 30, wear: 0.9, noise: 0.4 },
];

/** Options of the generated fleet. */
export interface TurbofanOptions {
  units: number;
  /** Shortest and longest life in cycles. */
  life: [number, number];
  seed: number;
}

/**
 * The fleet as CSV text: `unit,cycle,setting_1,setting_2,setting_3,s1..s5`, each unit's rows in
 * cycle order, its last row the failure. The wear of unit u at cycle t is
 * exp(rate * (t - life)) - exp(-rate * life) with a unit-specific rate, so it is near zero for most
 * of the life and steep at the end.
 */
export function turbofanCsv(o: TurbofanOptions): string {
  const rng = createRng(o.seed);
  const offsets = REGIMES.map(() => SENSORS.map(() => uniform(rng, -1, 1)));
  const lines = [`unit,cycle,setting_1,setting_2,setting_3,${SENSORS.map((_, j) => `s${j + 1}`).join(',')}`];
  for (let u = 1; u <= o.units; u++) {
    const life = Math.round(uniform(rng, o.life[0], o.life[1]));
    const rate = uniform(rng, 0.025, 0.045);
    const start = SENSORS.map(() => uniform(rng, -0.3, 0.3)); // manufacturing variation
    for (let t = 1; t <= life; t++) {
      const r = Math.floor(uniform(rng, 0, REGIMES.length));
      const wear = Math.exp(rate * (t - life)) - Math.exp(-rate * life);
      const settings = REGIMES[r].map((v, k) => v + SETTING_NOISE[k] * gaussian(rng));
      const sensors = SENSORS.map((s, j) => 100 + s.regime * (r + offsets[r][j]) + 3 * s.wear * wear + start[j] + s.noise * gaussian(rng));
      lines.push(`U${u},${t},${settings.map((v) => v.toFixed(4)).join(',')},${sensors.map((v) => v.toFixed(3)).join(',')}`);
    }
  }
  return lines.join('\n') + '\n';
}
