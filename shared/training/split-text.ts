/** One line describing how a run's windows were split, for the CLI and reports. */
import { fmtInt } from '../errors';
import { fmtPct } from '../format';
import type { SplitInfo } from '../model/training';
import { SPLIT_NAMES } from './split-windows';

/** E.g. "by entity: train 70% (12 entities, 3,400 windows), validation 15% (...), test 15% (...)". */
export function describeSplit(split: SplitInfo): string {
  const part = (k: (typeof SPLIT_NAMES)[number]) => {
    const entities = split.mode === 'entity' && split.entities ? `${fmtInt(split.entities[k].length)} entit${split.entities[k].length === 1 ? 'y' : 'ies'}, ` : '';
    return `${k} ${fmtPct(split.fractions[k], 0)} (${entities}${fmtInt(split.windows[k])} windows)`;
  };
  return `${split.mode === 'entity' ? 'by entity' : 'chronological'}: ${SPLIT_NAMES.map(part).join(', ')}`;
}
