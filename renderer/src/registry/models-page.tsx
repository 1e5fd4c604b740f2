/**
 * The Models page: the registry list, one model (aliases, versions, alias history, policy), one
 * version (lineage, curves, metrics, tags and notes) or two versions compared. It owns the dialogs
 * that change the registry (deploy, rollback, delete) and export/import of model files.
 */
import { useState } from 'react';
import type { ModelSummary } from '../../../shared/model/training';
import { modelsRoute, type ModelsRoute, type Route } from '../common/route';
import { DeleteVersionDialog } from './delete-version-dialog';
import { DeployDialog } from './deploy-dialog';
import { AlertIcon, CloseIcon, ImportIcon, InfoIcon } from '../common/icons';
import { ModelCompare } from './model-compare';
import { ModelOverview } from './model-overview';
import { RegistryList } from './registry-list';
import { RollbackDialog } from './rollback-dialog';
import { useAliasHistory, useRegistry, useRegistryChanged } from './registry-queries';
import { VersionPage } from './version-page';
import { useDatasets } from '../datasets/dataset-queries';
import { useModelFiles, type Notice } from './use-model-files';

/** What the sub-pages can ask for. */
export interface RegistryActions {
  deploy(version: number, alias?: string): void;
  rollback(alias?: string): void;
  remove(version: ModelSummary): void;
  exportVersion(version: number): void;
  /** Opens another page of the app (a version, a run, an analysis). */
  navigate(route: Route): void;
}

type Dialog = { kind: 'deploy'; version: number; alias?: string } | { kind: 'rollback'; alias: string } | { kind: 'delete'; version: ModelSummary } | null;

/** Renders the page of `route`. */
export function ModelsPage({ route, navigate }: { route: ModelsRoute; navigate: (r: Route) => void }) {
  const datasets = useDatasets();
  // A deploy or rollback from elsewhere (another window, a tab in browser mode) reloads these through its event.
  const registry = useRegistry();
  const name = route.name;
  const history = useAliasHistory(name);
  const changed = useRegistryChanged();
  const [notice, setNotice] = useState<Notice>(null);
  const { exportVersion, importFile, importing } = useModelFiles(setNotice, (name, version) => {
    changed();
    navigate(modelsRoute(name, version));
  });
  const [dialog, setDialog] = useState<Dialog>(null);

  const models = registry.value;
  const model = name === null ? null : (models?.find((m) => m.name === name) ?? null);
  /** A dialog finished: its message shows, and the registry reloads (without the version just deleted). */
  const done = (text: string, deletedRef?: string) => {
    setDialog(null);
    setNotice({ kind: 'info', text });
    changed(deletedRef);
  };


  const actions: RegistryActions = {
    deploy: (version, alias) => setDialog({ kind: 'deploy', version, alias }),
    rollback: (alias = 'production') => setDialog({ kind: 'rollback', alias }),
    remove: (version) => setDialog({ kind: 'delete', version }),
    exportVersion: (version) => {
      if (model) exportVersion(model.name, version);
    },
    navigate,
  };

  const importButton = (
    <button type="button" className="button" onClick={() => void importFile()} disabled={importing} data-testid="model-import">
      <ImportIcon />
      {importing ? 'Importing…' : 'Import model'}
    </button>
  );

  let body;
  if (name === null) {
    body = (
      <>
        <div className="page-header">
          <div className="dataset-title-block">
            <h1 className="page-title">Model registry</h1>
            <p className="page-subtitle">Every saved model by name: its versions, where production and the other aliases point, and alerts. Open one to deploy, roll back or compare.</p>
          </div>
          <div className="header-actions">{importButton}</div>
        </div>
        <RegistryList models={models} onOpen={(n) => navigate(modelsRoute(n))} onTrain={() => navigate({ page: 'configure', datasetId: null })} />
      </>
    );
  } else if (!model) {
    body = (
      <div className="placeholder" data-testid="model-missing">
        {models === null ? (
          'Loading…'
        ) : (
          <>
            There is no model named {name}.{' '}
            <button type="button" className="link" onClick={() => navigate(modelsRoute())}>
              Back to the registry
            </button>
          </>
        )}
      </div>
    );
  } else if (route.compare) {
    body = <ModelCompare model={model} a={route.compare.a} b={route.compare.b} navigate={navigate} />;
  } else if (route.version !== null) {
    body = <VersionPage key={route.version} model={model} version={route.version} history={history.value} datasets={datasets} actions={actions} />;
  } else {
    body = <ModelOverview model={model} history={history.value} actions={actions} importButton={importButton} />;
  }

  return (
    <div className="page models-page" data-testid="models-page">
      {notice && (
        <div className={`alert ${notice.kind === 'error' ? 'alert-error' : 'alert-info'} models-notice`} data-testid="models-notice">
          {notice.kind === 'error' ? <AlertIcon /> : <InfoIcon />}
          <div className="alert-message">{notice.text}</div>
          <button type="button" className="icon-button" onClick={() => setNotice(null)} aria-label="Dismiss" title="Dismiss">
            <CloseIcon />
          </button>
        </div>
      )}
      {body}
      {model && dialog?.kind === 'deploy' && (
        <DeployDialog
          model={model}
          version={dialog.version}
          alias={dialog.alias}
          datasets={datasets}
          onClose={() => setDialog(null)}
          onDeployed={({ event }) => done(`${model.name} v${event.toVersion} is now ${event.alias}${event.fromVersion !== null ? ` (was v${event.fromVersion})` : ''}${event.forced ? '; the override of the failed gates is recorded' : ''}.`)}
        />
      )}
      {model && dialog?.kind === 'rollback' && (
        <RollbackDialog
          model={model}
          history={history.value ?? []}
          alias={dialog.alias}
          onClose={() => setDialog(null)}
          onDone={(event) => done(`${model.name} ${event.alias} rolled back from v${event.fromVersion} to v${event.toVersion}.`)}
        />
      )}
      {model && dialog?.kind === 'delete' && (
        <DeleteVersionDialog
          version={dialog.version}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            done(`Deleted ${model.name} v${dialog.version.version}.`, `${model.name}@${dialog.version.version}`);
            if (model.versions.length === 1) navigate(modelsRoute());
            else if (route.version === dialog.version.version) navigate(modelsRoute(model.name));
          }}
        />
      )}
    </div>
  );
}
