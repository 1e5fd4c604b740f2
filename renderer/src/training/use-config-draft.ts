/**
 * The Configure page's draft: the config being edited, its preset, validation and estimate. A first
 * config follows the dataset and the presets once both are known; a new dataset keeps what still fits.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PresetInfo } from '../../../shared/model/training';
import type { Task, VariantConfig } from '../../../shared/model/variant';
import { validateVariant } from '../../../shared/model/variant-validation';
import { useDatasetDetail } from '../datasets/dataset-queries';
import { applyDataset, applyPreset, applyTask, dataColumns, initialConfig, presetsFor, setPath, suggestedTask, type DataColumns } from './config-draft';
import { usePresets } from './training-queries';
import { useDebouncedEstimate } from './use-debounced-estimate';

/** The preset each task starts from, when it is installed. */
const TASK_PRESET: Record<Task, string> = { forecast: 'standard', regress: 'standard', rul: 'rul', classify: 'classifier' };

/** The preset a task starts from: its usual one, else the first that suits it. */
function defaultPreset(presets: PresetInfo[], task: Task): PresetInfo | null {
  const fitting = presetsFor(presets, task);
  return fitting.find((p) => p.name === TASK_PRESET[task]) ?? fitting[0] ?? null;
}

/** Holds the draft config of dataset `datasetId` and what follows from it. */
export function useConfigDraft(datasetId: number | null) {
  const presets = usePresets();
  const [config, setConfig] = useState<VariantConfig | null>(null);
  const [presetName, setPresetName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);


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

  return { presets, config, setConfig, presetName, parseError, setParseError, shownDetail, cols, validation, errors, valid, preset, modified, estimate, splitColumn, set, formState, changeTask, pickPreset };
}
