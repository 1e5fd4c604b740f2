/**
 * Compares new data with a version's training reference, feature by feature, and gives the
 * dataset's verdict. The thresholds follow common practice (as in Evidently's defaults):
 * KS p-value below 0.05 for up to 1,000 new values, else the Wasserstein distance divided by the
 * training standard deviation at 0.1 or more; the dataset drifts when the share of drifted
 * features reaches the model's threshold (half by default).
 */
import { UserError } from '../errors';
import { fmtCount } from '../format';
import { binShares, ksPValue, ksStatistic, psi, sortedFinite, wasserstein1 } from './statistics';
import type { FeatureDrift, FeatureReference } from './types';

/** Up to this many new values a feature is tested with KS; above, with the normalised Wasserstein distance. */
export const KS_MAX_VALUES = 1000;
/** KS: drifted when the p-value is below this. */
export const KS_P_THRESHOLD = 0.05;
/** Wasserstein distance / training std: drifted at or above this. */
export const WASSERSTEIN_THRESHOLD = 0.1;

/** The method in words, for reports and the drift page. */
export function driftMethod(shareThreshold: number): string {
  return (
    `Per feature: a two-sample Kolmogorov-Smirnov test (exact p-value) when the new data has at most ${fmtCount(KS_MAX_VALUES)} values, ` +
    `drifted when p < ${KS_P_THRESHOLD}; otherwise the Wasserstein distance divided by the training standard deviation, drifted at ${WASSERSTEIN_THRESHOLD} or more. ` +
    `The reference is a uniform sample of the training split. The dataset counts as drifted when at least ${Math.round(shareThreshold * 100)}% of its features drift.`
  );
}

/** Tests one feature's new values against its reference. */
export function featureDrift(ref: FeatureReference, values: ArrayLike<number>): FeatureDrift {
  const current = sortedFinite(values);
  const sample = ref.sample;
  const d = ksStatistic(sample, current);
  const currentMean = current.length > 0 ? current.reduce((a, b) => a + b, 0) / current.length : NaN;
  const shares = binShares(current, ref.edges);
  const bins = { edges: ref.edges, reference: ref.shares, current: shares };
  if (current.length === 0) {
    const reason = `the new data has no value of \`${ref.name}\`${values.length > 0 ? ` (all ${fmtCount(values.length)} are missing)` : ''}`;
    return { name: ref.name, test: 'ks', statistic: NaN, threshold: KS_P_THRESHOLD, drifted: false, referenceCount: sample.length, currentCount: 0, referenceMean: ref.mean, currentMean: NaN, ksDistance: NaN, psi: NaN, untested: reason };
  }
  const rest = { referenceCount: sample.length, currentCount: current.length, referenceMean: ref.mean, currentMean, ksDistance: d, psi: psi(ref.shares, shares), bins };
  if (current.length <= KS_MAX_VALUES) {
    const p = ksPValue(d, sample.length, current.length);
    return { name: ref.name, test: 'ks', statistic: p, threshold: KS_P_THRESHOLD, drifted: p < KS_P_THRESHOLD, ...rest };
  }
  const scale = ref.std > 1e-12 ? ref.std : Math.max(Math.abs(ref.mean), 1) * 1e-6;
  const w = wasserstein1(sample, current) / scale;
  return { name: ref.name, test: 'wasserstein', statistic: w, threshold: WASSERSTEIN_THRESHOLD, drifted: w >= WASSERSTEIN_THRESHOLD, ...rest };
}

/**
 * The dataset's verdict: the share of drifted features among those that could be tested, and
 * whether it reaches the threshold. Refuses (a UserError) when no feature could be tested: "no
 * drift" would be a claim the data cannot support.
 */
export function datasetVerdict(features: readonly FeatureDrift[], shareThreshold: number, dataset = 'The new data'): { share: number; drifted: boolean } {
  if (features.length === 0) return { share: 0, drifted: false };
  const tested = features.filter((f) => f.untested === undefined);
  if (tested.length === 0) {
    const names = features.map((f) => `\`${f.name}\``).join(', ');
    throw new UserError(`Drift cannot be checked: ${dataset} has no value in ${features.length === 1 ? 'the column' : 'any of the columns'} the model reads (${names}). Check the file's columns and missing-value markers, or check a dataset that has values.`);
  }
  const share = tested.filter((f) => f.drifted).length / tested.length;
  return { share, drifted: share >= shareThreshold };
}
