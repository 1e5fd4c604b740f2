/**
 * The Configure page: pick a dataset, a task, columns and a preset, edit every field of the variant
 * (form or YAML/JSON, validated inline), see the estimate, and start training.
 */
import { useCallback, useMemo, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import type { PresetInfo } from '../../../shared/model/training';
import type { Task, VariantConfig } from '../../../shared/model/variant';
import { validateVariant } from '../../../shared/model/variant-validation';
import { useDatasetDetail } from '../datasets/dataset-queries';
import { applyDataset, applyPreset, applyTask, dataColumns, initialConfig, presetsFor, setPath, suggestedTask, type DataColumns } from './config-draft';
import { startTraining } from './train-session';
import { useDebouncedEstimate } from './use-debounced-estimate';
import { ConfigFormContext } from './config-fields';
import { ConfigureData } from './configure-data';
import { ConfigureEstimate } from './configure-estimate';
import { ConfigureForm } from './configure-form';
import { ConfigurePresets } from './configure-presets';
import { ConfigureTextEditor } from './configure-text-editor';
import { SplitChart } from './split-chart';
import { usePresets } from './training-queries';

/** The preset each task starts from, when it is installed. */
const TASK_PRESET: Record<Task, string> = { forecast: 'standard', regress: 'standard', rul: 'rul', classify: 'classifier' };

/** The preset a task starts from: its usual one, else the first that suits it. */
function defaultPreset(presets: PresetInfo[], task: Task): PresetInfo | null {
  const fitting = presetsFor(presets, task);
  return fitting.find((p) => p.name === TASK_PRESET[task]) ?? fitting[0] ?? null;
}

/** Loads what the page needs and renders the configure flow; `onStarted` opens the live training page. */
export function ConfigurePage({
  datasetId,
  datasets,
  onDataset,
  onStarted,
}: {
  datasetId: number | null;
  datasets: DatasetSummary[] | null;
  onDataset: (id: number) => void;
  onStarted: (runId: string) => void;
}) {
  const presets = usePresets();
  const [config, setConfig] = useState<VariantConfig | null>(null);
  const [presetName, setPresetName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);


  const shownDetail = useDatasetDetail(datasetId).detail;
  const cols = useMemo(() => (shownDetail ? dataColumns(shownDetail) : null), [shownDetail]);

  // A first config once the dataset and the presets are known; a new dataset keeps what still fits.
  // (Adjusted while rendering, as React advises for state that follows a prop: no effect, no extra pass.)
  const [fittedTo, setFittedTo] = useState<DataColumns | null>(null);
  if (cols && presets !== null && cols !== fittedTo) {
    setFittedTo(cols);
    if (config === null) {
      const preset = defaultPreset(presets, suggestedTask(cols));
      setPresetName(preset?.name ?? null);
      setConfig(initialConfig(cols, preset));
    } else {
      setConfig(applyDataset(config, cols));
    }
  }

  const validation = useMemo(() => (config ? validateVariant(config) : null), [config]);
  const errors = useMemo(() => (validation && !validation.ok ? validation.errors : []), [validation]);
  const valid = validation?.ok === true && parseError === null;
  const preset = presets?.find((p) => p.name === presetName) ?? null;
  const modified = useMemo(
    () => !!(config && cols && preset && JSON.stringify(applyPreset(config, preset, cols)) !== JSON.stringify(config)),
    [config, cols, preset],
  );
  const estimate = useDebouncedEstimate(cols ? datasetId : null, config ?? {}, presetName, valid);

  // The split is drawn on the first numeric target, else the first numeric input feature.
  const splitColumn = useMemo(() => {
    if (!cols || !config) return null;
    const targets = Array.isArray(config.input?.targets) ? config.input.targets : [];
    const features = Array.isArray(config.input?.features) ? config.input.features : cols.numeric;
    return [...targets, ...features].find((c) => cols.numeric.includes(c)) ?? null;
  }, [cols, config]);

  const set = useCallback((path: string, value: unknown) => setConfig((c) => (c ? setPath(c, path, value) : c)), []);
  const formState = useMemo(() => (config ? { config, errors, set } : null), [config, errors, set]);

  const changeTask = (task: Task) => {
    if (!config || !cols || !presets) return;
    let next = applyTask(config, task, cols);
    // An unedited form follows the task to its usual preset; edits are kept while the preset still fits.
    if (!modified || !preset || !preset.tasks.includes(task)) {
      const fallback = defaultPreset(presets, task);
      setPresetName(fallback?.name ?? null);
      next = applyPreset(next, fallback, cols);
    }
    setConfig(next);
  };

  const pickPreset = (p: PresetInfo) => {
    if (!config || !cols) return;
    setPresetName(p.name);
    setConfig(applyPreset(config, p, cols));
  };

  const train = (name: string | undefined) => {
    if (!validation?.ok || datasetId === null || !shownDetail) return;
    setStarting(true);
    const runId = startTraining(
      { datasetId, config: validation.config, ...(presetName ? { preset: presetName } : {}), ...(name ? { name } : {}) },
      shownDetail.summary.name,
    );
    onStarted(runId);
  };

  return (
    <div className="page" data-testid="configure-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Train a model</h1>
          <p className="page-subtitle">Choose the data and a preset, adjust the architecture, check the estimate, then train.</p>
        </div>
      </div>
      <div className="cfg-layout">
        <div className="cfg-main">
          <ConfigureData
            datasets={datasets}
            datasetId={datasetId}
            onDataset={onDataset}
            cols={cols && config ? cols : null}
            config={config ?? ({} as VariantConfig)}
            errors={errors}
            onTask={changeTask}
            onTargets={(t) => set('input.targets', t)}
            onFeatures={(f) => set('input.features', f)}
          >
            {shownDetail && splitColumn && estimate.estimate && (
              <SplitChart detail={shownDetail} column={splitColumn} estimate={estimate.estimate} />
            )}
          </ConfigureData>
          {datasetId !== null && !config && <div className="card placeholder">Loading the dataset…</div>}
          {config && cols && formState && (
            <>
              <ConfigurePresets presets={presets && presetsFor(presets, config.task)} selected={presetName} modified={modified} onPick={pickPreset} />
              <section className="card" data-testid="configure-model">
                <div className="card-header">
                  <h2 className="card-title">Model and training</h2>
                  {preset && modified && (
                    <button type="button" className="button small" onClick={() => pickPreset(preset)} data-testid="cfg-reset">
                      Reset to preset
                    </button>
                  )}
                </div>
                <ConfigFormContext.Provider value={formState}>
                  <ConfigureForm task={config.task} datetime={cols.datetime} numeric={cols.numeric} errors={errors} />
                </ConfigFormContext.Provider>
              </section>
              <ConfigureTextEditor config={config} errors={errors} onConfig={setConfig} onParseError={setParseError} />
            </>
          )}
        </div>
        <ConfigureEstimate
          state={estimate}
          errors={errors}
          parseError={parseError}
          ready={!!(cols && config)}
          defaultName={shownDetail && config ? `${shownDetail.summary.name}-${config.task}` : 'Model name'}
          starting={starting}
          onTrain={train}
        />
      </div>
    </div>
  );
}
