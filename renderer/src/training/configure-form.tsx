/** Every field of the variant config, grouped as Input, Scaling, Feature engineering, Convolution, Recurrent stack, Attention, Head and Training. */
import type { ReactNode } from 'react';
import type { FieldError } from '../../../shared/model/variant-validation';
import { MAX_CONDITION_CLUSTERS, type Task } from '../../../shared/model/variant';
import { ChoicesField, ConvBlocksField, ListField, NumberField, SelectField, ToggleField } from './config-fields';

const ACTIVATIONS = ['relu', 'tanh', 'elu', 'selu', 'linear'] as const;
const CALENDAR = [
  { value: 'hour', label: 'Hour of day' },
  { value: 'dayOfWeek', label: 'Day of week' },
  { value: 'dayOfYear', label: 'Day of year' },
];
const ROLLING_STATS = [
  { value: 'mean', label: 'Mean' },
  { value: 'std', label: 'Std' },
];

/** One group of fields with a title and a line saying what it controls. */
function Section({ title, note, children, testId }: { title: string; note: string; children: ReactNode; testId: string }) {
  return (
    <fieldset className="cfg-section" data-testid={testId}>
      <legend className="cfg-legend">{title}</legend>
      <p className="cfg-note">{note}</p>
      <div className="cfg-grid">{children}</div>
    </fieldset>
  );
}

/** A sub-heading inside a section (e.g. "Early stopping"). */
function Sub({ children }: { children: ReactNode }) {
  return <div className="cfg-sub">{children}</div>;
}

/** How windows are cut from each series. */
function InputSection({ task }: { task: Task }) {
  return (
    <Section title="Input" note="How windows are cut from each series." testId="cfg-section-input">
      <NumberField path="input.window" label="Window (steps)" hint="Past steps the model sees, 2–1024." />
      <NumberField
        path="input.horizon"
        label="Horizon (steps)"
        hint={task === 'forecast' ? 'Steps ahead to predict, 1–256.' : `Always 1 for ${task}.`}
      />
      <NumberField path="input.stride" label="Stride" hint="Step between windows; 1 uses every window." />
      <ToggleField path="input.masking" label="Masking" hint="Pad short sequences and ignore the padding." />
      <SelectField
        path="input.padding"
        label="Padding"
        options={[
          { value: 'pre', label: 'Before (pre)' },
          { value: 'post', label: 'After (post)' },
        ]}
      />
    </Section>
  );
}

/** Scaling, instance norm, predicting the change, and condition-wise normalisation. */
function ScalingSection({ task, numeric }: { task: Task; numeric: string[] }) {
  return (
    <Section title="Scaling" note="Fitted on the training split only and stored with the model." testId="cfg-section-scaling">
      <SelectField
        path="scaling.method"
        label="Method"
        options={[
          { value: 'zscore', label: 'Z-score' },
          { value: 'minmax', label: 'Min–max' },
          { value: 'none', label: 'None' },
        ]}
      />
      <ToggleField
        path="scaling.instanceNorm"
        label="Instance norm"
        hint={task === 'classify' ? 'Z-normalise each sequence by its own mean and spread.' : 'Normalise each window by its own statistics (RevIN).'}
      />
      <ToggleField
        path="scaling.predictDelta"
        label="Predict change"
        hint="Forecast the change from the last value."
        disabled={task !== 'forecast'}
      />
      <ChoicesField
        path="scaling.conditions.columns"
        label="Operating settings"
        options={numeric.map((c) => ({ value: c, label: c }))}
        disabled={task === 'forecast'}
        hint={task === 'forecast' ? 'Condition-wise normalisation is for RUL, regression and classification.' : 'Cluster these columns (k-means on training rows) and normalise every other input per cluster; none = off.'}
      />
      <SelectField
        path="scaling.conditions.clusters"
        label="Operating conditions"
        options={[{ value: 'auto', label: 'Automatic' }, ...Array.from({ length: MAX_CONDITION_CLUSTERS }, (_, i) => String(i + 1))]}
        parse={(v) => (v === 'auto' ? v : Number(v))}
        hint="Clusters of the settings: automatic, or a number."
      />
    </Section>
  );
}

/** Calendar features, lags, differences and rolling statistics. */
function EngineeringSection({ datetime }: { datetime: boolean }) {
  return (
    <Section title="Feature engineering" note="Extra inputs derived from the selected features." testId="cfg-section-engineering">
      <ChoicesField
        path="engineering.calendar"
        label="Calendar features"
        options={CALENDAR}
        disabled={!datetime}
        hint={datetime ? 'Added as sin/cos pairs.' : 'Needs a date & time axis.'}
      />
      <ListField path="engineering.lags" label="Lags (steps)" hint="e.g. 1, 24 — up to 8." placeholder="none" />
      <ToggleField path="engineering.differences" label="Differences" hint="First differences of the features." />
      <ListField path="engineering.rolling" label="Rolling windows" hint="Lengths, e.g. 6, 24 — up to 4." placeholder="none" />
      <ChoicesField path="engineering.rollingStats" label="Rolling statistics" options={ROLLING_STATS} />
    </Section>
  );
}

/** Conv blocks before the recurrent stack and the LSTM-FCN branch. */
function ConvSection() {
  return (
    <Section title="Convolution" note="Conv1D blocks (convolution, batch norm, ReLU, pooling): before the recurrent stack (CNN-LSTM) or as a parallel branch (LSTM-FCN)." testId="cfg-section-conv">
      <ConvBlocksField path="conv.blocks" label="Blocks before the recurrent stack" hint="FILTERSxKERNEL, e.g. 64x5, 64x5 p2 (dN dilation, pN max-pool, nobn no batch norm); empty for none." placeholder="none" />
      <ToggleField path="fcn.enabled" label="Fully convolutional branch" hint="LSTM-FCN: conv blocks on the input, averaged over time, beside the recurrent stack." />
      <ConvBlocksField path="fcn.blocks" label="Branch blocks" hint="The paper's: 128x8, 256x5, 128x3." />
      <ToggleField path="fcn.shuffle" label="Dimension shuffle" hint="The recurrent stack reads the sequence transposed (steps as features)." />
    </Section>
  );
}

/** The LSTM/GRU layers. */
function RecurrentSection() {
  return (
    <Section title="Recurrent stack" note="The LSTM/GRU layers that read each window." testId="cfg-section-recurrent">
      <SelectField
        path="recurrent.cell"
        label="Cell"
        options={[
          { value: 'lstm', label: 'LSTM' },
          { value: 'gru', label: 'GRU' },
        ]}
      />
      <ListField path="recurrent.units" label="Units per layer" hint="1–4 layers of 32–256, e.g. 64, 64." />
      <ToggleField path="recurrent.bidirectional" label="Bidirectional" hint="Read each window both ways." />
      <NumberField path="recurrent.dropout" label="Dropout" hint="0–0.8 between layers." />
      <NumberField path="recurrent.recurrentDropout" label="Recurrent dropout" hint="0–0.8; slower when on." />
      <SelectField
        path="recurrent.normalization"
        label="Normalisation"
        options={[
          { value: 'none', label: 'None' },
          { value: 'layer', label: 'Layer norm' },
          { value: 'batch', label: 'Batch norm' },
        ]}
      />
    </Section>
  );
}

/** Attention pooling. */
function AttentionSection() {
  return (
    <Section title="Attention" note="Pools over time steps; its weights explain predictions." testId="cfg-section-attention">
      <ToggleField path="attention.enabled" label="Attention pooling" />
    </Section>
  );
}

/** The dense head and the RUL cap. */
function HeadSection({ task }: { task: Task }) {
  return (
    <Section title="Head" note="Dense layers between the recurrent stack and the output." testId="cfg-section-head">
      <ListField path="head.units" label="Dense units" hint="0–3 layers of 4–512; empty for none." placeholder="none" />
      <SelectField path="head.activation" label="Activation" options={ACTIVATIONS} />
      <NumberField path="head.dropout" label="Dropout" hint="0–0.8." />
      <ToggleField
        path="head.linearSkip"
        label="Linear skip"
        hint={task === 'forecast' || task === 'regress' ? 'Adds a linear map of the whole window to the output.' : 'Used by forecast and regress only.'}
      />
      <NumberField
        path="rul.cap"
        label="RUL cap"
        nullable
        placeholder="no cap"
        hint={task === 'rul' ? 'Piecewise-linear cap on remaining life, e.g. 125.' : 'Used by the rul task only.'}
      />
    </Section>
  );
}

/** Optimiser, schedule, stopping and the split (with its errors). */
function TrainingSection({ splitErrors }: { splitErrors: string[] }) {
  return (
    <Section title="Training" note="Optimiser, schedule, stopping and the data split." testId="cfg-section-training">
      <SelectField
        path="training.optimizer"
        label="Optimiser"
        options={[
          { value: 'adam', label: 'Adam' },
          { value: 'rmsprop', label: 'RMSprop' },
        ]}
      />
      <SelectField
        path="training.loss"
        label="Loss"
        options={[
          { value: 'mse', label: 'Squared error (MSE)' },
          { value: 'mae', label: 'Absolute error (MAE), robust' },
          { value: 'huber', label: 'Huber' },
        ]}
      />
      <NumberField path="training.learningRate" label="Learning rate" hint="e.g. 0.001" />
      <NumberField path="training.epochs" label="Epochs" hint="1–1000." />
      <NumberField path="training.batchSize" label="Batch size" hint="1–4096." />
      <NumberField path="training.weightDecay" label="Weight decay (L2)" hint="0–0.1." />
      <NumberField path="training.clipNorm" label="Clip norm" hint="Global norm; 0 turns it off." />
      <NumberField path="training.seed" label="Seed" hint="Same seed, same run." />
      <NumberField path="training.seeds" label="Seed ensemble" hint="Train this many models (seeds seed, seed + 1, ...) and average them; 1 = a single model." />

      <Sub>Reduce learning rate on plateau</Sub>
      <ToggleField path="training.reduceOnPlateau.enabled" label="Enabled" />
      <NumberField path="training.reduceOnPlateau.factor" label="Factor" hint="0.05–0.95." />
      <NumberField path="training.reduceOnPlateau.patience" label="Patience (epochs)" />
      <NumberField path="training.reduceOnPlateau.minLearningRate" label="Minimum rate" />

      <Sub>Early stopping</Sub>
      <ToggleField path="training.earlyStopping.enabled" label="Enabled" />
      <NumberField path="training.earlyStopping.patience" label="Patience (epochs)" />
      <ToggleField path="training.earlyStopping.restoreBestWeights" label="Restore best weights" />
      <NumberField
        path="training.minValidation"
        label="Fewest validation windows"
        hint="With fewer, epochs are chosen on the training loss (too few to choose on); 0 = always validation."
      />

      <Sub>Split</Sub>
      <NumberField path="training.split.train" label="Train" hint="Share of windows." />
      <NumberField path="training.split.validation" label="Validation" />
      <NumberField path="training.split.test" label="Test" />
      <SelectField
        path="training.split.mode"
        label="Mode"
        hint="Automatic: by entity for RUL, regression and classification when the data has 3 or more entities, else chronological."
        options={[
          { value: 'auto', label: 'Automatic' },
          { value: 'chronological', label: 'Chronological' },
          { value: 'entity', label: 'By entity' },
        ]}
      />
      {splitErrors.length > 0 && (
        <div className="field-error wide" data-testid="split-error" role="alert">
          Split: {splitErrors.join(' ')}
        </div>
      )}
    </Section>
  );
}

/** Renders the grouped form; the fields read and write the config through ConfigFormContext. */
export function ConfigureForm({ task, datetime, numeric, errors }: { task: Task; datetime: boolean; numeric: string[]; errors: FieldError[] }) {
  const splitErrors = errors.filter((e) => e.path === 'training.split').map((e) => e.message);
  return (
    <div className="cfg-form" data-testid="configure-form">
      <InputSection task={task} />
      <ScalingSection task={task} numeric={numeric} />
      <EngineeringSection datetime={datetime} />
      <ConvSection />
      <RecurrentSection />
      <AttentionSection />
      <HeadSection task={task} />
      <TrainingSection splitErrors={splitErrors} />
    </div>
  );
}
