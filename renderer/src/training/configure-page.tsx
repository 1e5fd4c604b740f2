/**
 * The Configure page: pick a dataset, a task, columns and a preset, edit every field of the variant
 * (form or YAML/JSON, validated inline), see the estimate, and start training.
 */
import { useState } from 'react';
import type { VariantConfig } from '../../../shared/model/variant';
import { presetsFor } from './config-draft';
import { startTraining } from './train-session';
import { useConfigDraft } from './use-config-draft';
import { ConfigFormContext } from './config-fields';
import { ConfigureData } from './configure-data';
import { ConfigureEstimate } from './configure-estimate';
import { ConfigureForm } from './configure-form';
import { ConfigurePresets } from './configure-presets';
import { ConfigureTextEditor } from './configure-text-editor';
import { SplitChart } from './split-chart';
import { useDatasets } from '../datasets/dataset-queries';

/** Loads what the page needs and renders the configure flow; `onStarted` opens the live training page. */
export function ConfigurePage({
  datasetId,
  onDataset,
  onStarted,
}: {
  datasetId: number | null;
  onDataset: (id: number) => void;
  onStarted: (runId: string) => void;
}) {
  const datasets = useDatasets();
  const { presets, config, setConfig, presetName, setParseError, parseError, shownDetail, cols, validation, errors, preset, modified, estimate, splitColumn, set, formState, changeTask, pickPreset } = useConfigDraft(datasetId);
  const [starting, setStarting] = useState(false);

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
