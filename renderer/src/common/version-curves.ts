/** Loss curves of model versions (or runs) for a LossChart: loss solid, validation loss dashed, one colour per version. */
import type { EpochRecord } from '../../../shared/model/training';
import { runColor, type LossCurve } from './loss-chart-layout';

/** The curves of each version's (or run's) recorded epochs; `withLabels` prefixes each legend entry with its label. */
export function versionCurves(versions: { label: string; history: EpochRecord[] }[], withLabels = versions.length > 1): LossCurve[] {
  return versions.flatMap((v, i) => {
    const x = v.history.map((h) => h.epoch);
    const color = runColor(i);
    const prefix = withLabels ? `${v.label} ` : '';
    return [
      { name: `${prefix}loss`, x, y: v.history.map((h) => h.loss), color, markers: true, group: v.label },
      { name: `${prefix}val loss`, x, y: v.history.map((h) => h.valLoss), color, dash: 'dash' as const, markers: true, group: v.label },
    ];
  });
}
