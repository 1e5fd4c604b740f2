/**
 * Classification metrics: confusion matrix, per-class precision/recall/F1, and one-vs-rest ROC and
 * precision-recall curves. Pure TypeScript.
 */

/** Precision, recall and F1 of one class (0 when undefined), and its count of true samples. */
export interface ClassPrf {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** ROC curve from (0,0) to (1,1); auc is null when the labels lack positives or negatives. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  auc: number | null;
}

/** Precision-recall curve from recall 0 (precision 1); auc is the average precision, null without positives. */
export interface PrCurve {
  recall: number[];
  precision: number[];
  auc: number | null;
}

/** Per-class figures of a classification report. */
export interface ClassReport extends ClassPrf {
  name: string;
  rocAuc: number | null;
  prAuc: number | null;
}

/** Accuracy, one-vs-rest per-class metrics, and the confusion matrix (rows true, columns predicted). */
export interface ClassificationReport {
  accuracy: number;
  classes: ClassReport[];
  confusion: number[][];
}

/** Counts samples by class: matrix[true][predicted], classes x classes. */
export function confusionMatrix(predClass: readonly number[], trueClass: readonly number[], classes: number): number[][] {
  checkSameLength(predClass.length, trueClass.length);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < predClass.length; i++) {
    const p = predClass[i];
    const t = trueClass[i];
    if (!(Number.isInteger(p) && Number.isInteger(t) && p >= 0 && t >= 0 && p < classes && t < classes)) {
      throw new Error(`confusionMatrix: class out of range 0..${classes - 1} at sample ${i} (predicted ${p}, true ${t}).`);
    }
    matrix[t][p]++;
  }
  return matrix;
}

/** Precision, recall, F1 and support of each class from a confusion matrix (rows true, columns predicted). */
export function perClassPrf(matrix: readonly (readonly number[])[]): ClassPrf[] {
  return matrix.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((s, v) => s + v, 0);
    const predicted = matrix.reduce((s, r) => s + r[c], 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

/** Share of samples on the diagonal of a confusion matrix; NaN when it is empty. */
export function accuracy(matrix: readonly (readonly number[])[]): number {
  let right = 0;
  let total = 0;
  matrix.forEach((row, c) => {
    right += row[c];
    for (const v of row) total += v;
  });
  return total === 0 ? NaN : right / total;
}

/**
 * ROC curve of scores against binary labels, one point per distinct score (equal scores form one
 * step, so ties count half), and its area by the trapezoid rule.
 */
export function rocCurve(scores: ArrayLike<number>, positives: readonly boolean[]): RocCurve {
  const { steps, pos, neg } = rankedCounts(scores, positives);
  if (pos === 0 || neg === 0) return { fpr: [], tpr: [], auc: null };
  const fpr = [0];
  const tpr = [0];
  let auc = 0;
  for (const { tp, fp } of steps) {
    const x = fp / neg;
    const y = tp / pos;
    auc += ((x - fpr[fpr.length - 1]) * (y + tpr[tpr.length - 1])) / 2;
    fpr.push(x);
    tpr.push(y);
  }
  return { fpr, tpr, auc };
}

/**
 * Precision-recall curve of scores against binary labels, one point per distinct score, and the
 * average precision sum_k (R_k - R_{k-1}) P_k as its area.
 */
export function prCurve(scores: ArrayLike<number>, positives: readonly boolean[]): PrCurve {
  const { steps, pos } = rankedCounts(scores, positives);
  if (pos === 0) return { recall: [], precision: [], auc: null };
  const recall = [0];
  const precision = [1];
  let auc = 0;
  for (const { tp, fp } of steps) {
    const r = tp / pos;
    const p = tp / (tp + fp);
    auc += (r - recall[recall.length - 1]) * p;
    recall.push(r);
    precision.push(p);
  }
  return { recall, precision, auc };
}

/**
 * Classification report of class probabilities against one-hot truth, both n x classes: the
 * predicted and true classes are the row argmax (first on ties); ROC and PR AUC are one-vs-rest on
 * each class's probability column.
 */
export function classificationReport(probs: ArrayLike<number>, onehot: ArrayLike<number>, classNames: readonly string[]): ClassificationReport {
  const C = classNames.length;
  checkSameLength(probs.length, onehot.length);
  if (C < 1 || probs.length % C !== 0) throw new Error(`classificationReport: ${probs.length} values are not n x ${C} classes.`);
  const n = probs.length / C;
  const predClass = Array.from({ length: n }, (_, i) => argmax(probs, i * C, C));
  const trueClass = Array.from({ length: n }, (_, i) => argmax(onehot, i * C, C));
  const confusion = confusionMatrix(predClass, trueClass, C);
  const prf = perClassPrf(confusion);
  const classes = classNames.map((name, c) => {
    const scores = Array.from({ length: n }, (_, i) => probs[i * C + c]);
    const positives = trueClass.map((t) => t === c);
    return { name, ...prf[c], rocAuc: rocCurve(scores, positives).auc, prAuc: prCurve(scores, positives).auc };
  });
  return { accuracy: accuracy(confusion), classes, confusion };
}

/** Cumulative true and false positives after each group of equal scores, highest score first. */
function rankedCounts(scores: ArrayLike<number>, positives: readonly boolean[]): { steps: { tp: number; fp: number }[]; pos: number; neg: number } {
  checkSameLength(scores.length, positives.length);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const steps: { tp: number; fp: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (positives[order[k]]) tp++;
    else fp++;
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[order[k]]) steps.push({ tp, fp });
  }
  return { steps, pos: tp, neg: fp };
}

function argmax(v: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (v[from + c] > v[from + best]) best = c;
  return best;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function checkSameLength(a: number, b: number): void {
  if (a !== b) throw new Error(`Classification metrics need as many predictions as labels (${a} vs ${b}).`);
}
