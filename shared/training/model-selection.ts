/**
 * Model selection on small validation splits. Early stopping, restore-best-weights and the
 * learning-rate plateau schedule normally watch the validation score. On a validation split of a
 * handful of sequences that score is noise (with 9 sequences one sequence moves accuracy by 11 points),
 * and picking the best of hundreds of epochs on it picks a lucky early epoch. Below
 * `training.minValidation` windows they watch the training loss instead, as the LSTM-FCN and FCN
 * papers do; validation is still measured each epoch and reported.
 */
import type { VariantConfig } from '../model/variant';

/** Which score a run chooses epochs on, and the plain sentence that says so (null when validation is used as usual). */
export interface ModelSelection {
  monitor: 'validation' | 'training';
  sentence: string | null;
}

/** Decides what early stopping and the plateau schedule watch, from the size of the validation split. */
export function modelSelection(config: Pick<VariantConfig, 'task' | 'training'>, validationWindows: number): ModelSelection {
  const min = config.training.minValidation;
  if (validationWindows === 0) return { monitor: 'training', sentence: null };
  if (validationWindows >= min) return { monitor: 'validation', sentence: null };
  const unit = config.task === 'classify' ? 'sequence' : 'window';
  const n = `${validationWindows} ${unit}${validationWindows === 1 ? '' : 's'}`;
  return {
    monitor: 'training',
    sentence:
      `Validation has ${n}, fewer than \`training.minValidation\` (${min}): too few to choose an epoch on, ` +
      `so ${watchers(config.training)} followed the training loss instead; validation is still measured and reported. ` +
      `More data, a larger validation share, or \`training.minValidation: 0\` changes this.`,
  };
}

/** What watched the monitored score in this config, in words. */
function watchers(t: VariantConfig['training']): string {
  const parts: string[] = [];
  if (t.earlyStopping.enabled) parts.push(t.earlyStopping.restoreBestWeights ? 'early stopping and the weights kept' : 'early stopping');
  if (t.reduceOnPlateau.enabled) parts.push('the learning-rate schedule');
  return parts.length > 0 ? parts.join(' and ') : 'the best epoch reported';
}
