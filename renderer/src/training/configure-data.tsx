/** The Data card of the Configure page: dataset, task, target column(s) and input features. */
import type { ReactNode } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import type { Task, VariantConfig } from '../../../shared/model/variant';
import type { FieldError } from '../../../shared/model/variant-validation';
import { errorsFor, type DataColumns } from './config-draft';
import { fmtCount } from '../common/format';
import { ColumnPicker } from '../datasets/column-picker';

const TASK_INFO: Record<Task, { title: string; sub: string }> = {
  forecast: { title: 'Forecast', sub: 'Predict the next steps of a signal' },
  regress: { title: 'Regress', sub: 'Estimate one column from the others' },
  rul: { title: 'Remaining life', sub: 'Time left before each asset fails' },
  classify: { title: 'Classify', sub: 'Label windows or whole sequences' },
};

/** Why a task cannot be used with this dataset, or null when it can. */
function taskBlocked(task: Task, cols: DataColumns): string | null {
  if ((task === 'forecast' || task === 'regress') && cols.numeric.length === 0) return 'No numeric columns';
  if (task === 'regress' && cols.numeric.length < 2) return 'Needs two numeric columns';
  if (task === 'classify' && cols.labels.length === 0 && !(cols.wide && cols.labelColumn)) return 'No label column';
  return null;
}

/** An inline error under a control. */
function Errors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="field-error" role="alert" data-testid="field-error">
      {messages.join(' ')}
    </div>
  );
}

/** The task choice: each task with what it does, or why this dataset cannot use it. */
function TaskPicker({ task, cols, onTask }: { task: Task; cols: DataColumns; onTask: (task: Task) => void }) {
  return (
    <div className="field">
      <span className="field-label">Task</span>
      <div className="segmented segmented-4" role="radiogroup" aria-label="Task" data-testid="cfg-task">
        {(Object.keys(TASK_INFO) as Task[]).map((t) => {
          const blocked = taskBlocked(t, cols);
          return (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={task === t}
              className={task === t ? 'active' : ''}
              disabled={blocked !== null}
              title={blocked ?? undefined}
              onClick={() => onTask(t)}
              data-testid={`cfg-task-${t}`}
            >
              <strong>{TASK_INFO[t].title}</strong>
              <span>{blocked ?? TASK_INFO[t].sub}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** The input features: all numeric columns, or a chosen few. */
function FeaturesField({
  task,
  cols,
  features,
  onFeatures,
  errors,
}: {
  task: Task;
  cols: DataColumns;
  features: VariantConfig['input']['features'] | undefined;
  onFeatures: (features: string[] | 'all') => void;
  errors: string[];
}) {
  const chosen = Array.isArray(features) ? features : [];
  const toggleFeature = (name: string) => {
    const next = chosen.includes(name) ? chosen.filter((f) => f !== name) : cols.numeric.filter((c) => c === name || chosen.includes(c));
    onFeatures(next);
  };
  return (
    <div className="field" data-testid="cfg-features">
      <span className="field-label">Input features</span>
      <div className="cfg-feature-mode">
        <div className="segmented-small" role="radiogroup" aria-label="Input features">
          <button
            type="button"
            role="radio"
            aria-checked={features === 'all'}
            className={features === 'all' ? 'active' : ''}
            onClick={() => onFeatures('all')}
            data-testid="cfg-features-all"
          >
            All numeric ({cols.numeric.length})
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={features !== 'all'}
            className={features !== 'all' ? 'active' : ''}
            onClick={() => features === 'all' && onFeatures(cols.numeric.slice())}
            data-testid="cfg-features-choose"
          >
            Choose
          </button>
        </div>
        {task === 'regress' && <span className="muted small">Leave the target out of the inputs to avoid leaking it.</span>}
      </div>
      {features !== 'all' && (
        <ColumnPicker label="Input features" columns={cols.numeric} selected={chosen} onToggle={toggleFeature} onClear={() => onFeatures([])} />
      )}
      <Errors messages={errors} />
    </div>
  );
}

/** Renders the dataset picker and, once a dataset is loaded, the task and column choices. */
export function ConfigureData({
  datasets,
  datasetId,
  onDataset,
  cols,
  config,
  errors,
  onTask,
  onTargets,
  onFeatures,
  children,
}: {
  datasets: DatasetSummary[] | null;
  datasetId: number | null;
  onDataset: (id: number) => void;
  cols: DataColumns | null;
  config: VariantConfig;
  errors: FieldError[];
  onTask: (task: Task) => void;
  onTargets: (targets: string[]) => void;
  onFeatures: (features: string[] | 'all') => void;
  /** Shown at the end of the card (the split chart). */
  children?: ReactNode;
}) {
  const targets = Array.isArray(config.input?.targets) ? config.input.targets : [];
  const features = config.input?.features;
  const task = config.task;
  const toggleTarget = (name: string) => {
    if (!cols) return;
    if (task === 'regress') onTargets([name]);
    else onTargets(targets.includes(name) ? targets.filter((t) => t !== name) : cols.numeric.filter((c) => c === name || targets.includes(c)));
  };

  return (
    <section className="card" data-testid="configure-data">
      <div className="card-header">
        <h2 className="card-title">Data</h2>
        <span className="muted small">What the model learns from and what it predicts</span>
      </div>
      <div className="card-body cfg-data">
        <label className="field">
          <span className="field-label">Dataset</span>
          <select
            value={datasetId ?? ''}
            onChange={(e) => onDataset(Number(e.target.value))}
            data-testid="cfg-dataset"
            disabled={!datasets}
          >
            {datasetId === null && <option value="">{datasets ? 'Choose a dataset…' : 'Loading…'}</option>}
            {(datasets ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} — {fmtCount(d.rows)} rows, {fmtCount(d.entities)} {d.entities === 1 ? 'series' : 'entities'}
              </option>
            ))}
          </select>
        </label>

        {cols && (
          <>
            <TaskPicker task={task} cols={cols} onTask={onTask} />

            <div className="field" data-testid="cfg-targets">
              <span className="field-label">{task === 'classify' ? 'Label' : task === 'regress' ? 'Target column' : 'Target columns'}</span>
              {task === 'rul' ? (
                <div className="muted small">Derived from each entity&apos;s last record: the steps left before it ends.</div>
              ) : task === 'classify' ? (
                cols.wide ? (
                  <div className="muted small">Each sequence&apos;s own label{cols.labelColumn ? <> (<code>{cols.labelColumn}</code>)</> : null}.</div>
                ) : (
                  <select value={targets[0] ?? ''} onChange={(e) => onTargets([e.target.value])} data-testid="cfg-label">
                    {cols.labels.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                )
              ) : (
                <ColumnPicker label={task === 'regress' ? 'Target column' : 'Target columns'} columns={cols.numeric} selected={targets} onToggle={toggleTarget} onClear={() => onTargets([])} />
              )}
              <Errors messages={errorsFor(errors, 'input.targets')} />
            </div>

            <FeaturesField task={task} cols={cols} features={features} onFeatures={onFeatures} errors={errorsFor(errors, 'input.features')} />
          </>
        )}
        {children}
      </div>
    </section>
  );
}
