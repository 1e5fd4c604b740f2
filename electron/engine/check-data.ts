/** Checks that the prepared data fits the model before training, with messages that say what to fix. */
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type { WindowBatch } from '../../shared/training/prepared';
import { outputWidth } from './predict';

/** Returns the model's [window, features]; throws when a split does not match it or training has no windows. */
export function checkTrainData(model: TF.LayersModel, data: { train: WindowBatch; validation: WindowBatch; outputs: number }): [number, number] {
  const shape = model.inputs[0].shape;
  const window = shape[1];
  const features = shape[2];
  if (window == null || features == null) throw new Error(`Model ${model.name} has an input of unknown shape ${JSON.stringify(shape)}.`);
  if (data.train.n === 0) {
    throw new UserError('The training split has no windows: the dataset is shorter than one window plus the horizon. Use a longer dataset, a shorter window, or a larger training fraction.');
  }
  const outputs = outputWidth(model);
  if (outputs !== data.outputs) {
    throw new Error(`The model predicts ${outputs} values per window but the prepared data has ${data.outputs}: build the model from the same prepared data.`);
  }
  for (const [name, rows] of [['training', data.train], ['validation', data.validation]] as const) {
    if (rows.x.length !== rows.n * window * features || rows.y.length !== rows.n * outputs) {
      throw new Error(
        `The ${name} split does not match the model: ${rows.n} windows need ${rows.n * window * features} input values (${window} x ${features} each) ` +
          `and ${rows.n * outputs} targets, got ${rows.x.length} and ${rows.y.length}. Build the model from the same prepared data.`,
      );
    }
  }
  return [window, features];
}
