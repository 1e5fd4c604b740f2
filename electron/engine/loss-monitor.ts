/**
 * Watches the monitored loss epoch by epoch (validation loss, or training loss without a validation
 * split) and decides, as Keras's EarlyStopping and ReduceLROnPlateau do, when the best epoch
 * changed, when to lower the learning rate and when to stop.
 */
import type { VariantConfig } from '../../shared/model/variant';

/** What to do after an epoch. */
export interface MonitorDecision {
  improved: boolean;
  /** The learning rate for the next epoch (lowered on a plateau). */
  learningRate: number;
  stop: boolean;
}

/** The state of the monitored loss across epochs. */
export interface LossMonitor {
  /** Records an epoch's monitored loss and returns the decision. */
  update(epoch: number, loss: number): MonitorDecision;
  /** Best epoch so far (1-based; 0 before any). */
  readonly bestEpoch: number;
  readonly bestLoss: number;
}

/** Creates a monitor from the variant's early-stopping and plateau settings. */
export function createLossMonitor(training: VariantConfig['training']): LossMonitor {
  const { earlyStopping, reduceOnPlateau } = training;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let sinceBest = 0;
  let plateauWait = 0;
  let learningRate = training.learningRate;
  return {
    get bestEpoch() {
      return bestEpoch;
    },
    get bestLoss() {
      return bestLoss;
    },
    update(epoch, loss) {
      const improved = Number.isFinite(loss) && loss < bestLoss;
      if (improved) {
        bestLoss = loss;
        bestEpoch = epoch;
        sinceBest = 0;
        plateauWait = 0;
      } else {
        sinceBest++;
        plateauWait++;
      }
      if (reduceOnPlateau.enabled && plateauWait >= reduceOnPlateau.patience) {
        learningRate = Math.max(learningRate * reduceOnPlateau.factor, reduceOnPlateau.minLearningRate);
        plateauWait = 0;
      }
      const stop = earlyStopping.enabled && sinceBest >= earlyStopping.patience;
      return { improved, learningRate, stop };
    },
  };
}
