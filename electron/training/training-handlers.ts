import type { Handlers } from '../../shared/api';
import type { AppContext } from '../app/context';

type TrainingOps = 'engine:info' | 'presets:list' | 'training:estimate' | 'training:start' | 'training:cancel' | 'runs:list' | 'runs:get' | 'models:list';

/** TEMPORARY placeholder while training is being built (replaced by the real handlers). */
export function createTrainingHandlers(ctx: AppContext): Pick<Handlers, TrainingOps> {
  void ctx;
  const todo = async (): Promise<never> => {
    throw new Error('Training is not available yet.');
  };
  return {
    'engine:info': todo,
    'presets:list': todo,
    'training:estimate': todo,
    'training:start': todo,
    'training:cancel': todo,
    'runs:list': todo,
    'runs:get': todo,
    'models:list': todo,
  };
}
