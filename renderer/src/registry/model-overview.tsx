/** One named model: where its aliases point (deploy, roll back), its versions (compare, export, delete), the alias history and the policy. */
import { useState, type ReactNode } from 'react';
import type { AliasEvent, RegisteredModel } from '../../../shared/registry/types';
import { STANDARD_ALIASES } from '../../../shared/registry/types';
import { fmtLocalDate, fmtPct } from '../common/format';
import { modelsRoute } from '../common/route';
import { AliasBadge, aliasEntries } from './alias-badges';
import { AliasHistory } from './alias-history';
import { AlertIcon } from '../common/icons';
import type { RegistryActions } from './models-page';
import { ModelVersionsTable } from './model-versions-table';
import { PolicyEditor } from './policy-editor';

/** The "Models / NAME / ..." trail above a model's pages. */
export function ModelBreadcrumb({ name, version, navigate }: { name: string; version?: string; navigate: RegistryActions['navigate'] }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <button type="button" className="link" onClick={() => navigate(modelsRoute())} data-testid="crumb-models">
        Models
      </button>
      <span aria-hidden="true">/</span>
      {version === undefined ? (
        <span className="ellipsis">{name}</span>
      ) : (
        <>
          <button type="button" className="link ellipsis" onClick={() => navigate(modelsRoute(name))} data-testid="crumb-model">
            {name}
          </button>
          <span aria-hidden="true">/</span>
          <span>{version}</span>
        </>
      )}
    </nav>
  );
}

/** The model's drift alert as a banner, or nothing. */
export function DriftAlertBanner({ model, onCheck }: { model: RegisteredModel; onCheck: () => void }) {
  const a = model.driftAlert;
  if (!a) return null;
  return (
    <div className="alert alert-warning" data-testid="model-drift-alert">
      <AlertIcon />
      <div className="alert-message">
        <strong>Drift alert.</strong> The last drift check of v{a.version} in production ({fmtLocalDate(a.at)}) found {fmtPct(a.share, 0)} of its features drifted, at or above
        this model&apos;s threshold of {fmtPct(a.threshold, 0)}. Check the new data, then retrain or roll back.{' '}
        <button type="button" className="link" onClick={onCheck}>
          Run a drift check
        </button>
      </div>
    </div>
  );
}

/** Renders the model's overview. */
export function ModelOverview({
  model,
  history,
  actions,
  importButton,
}: {
  model: RegisteredModel;
  history: AliasEvent[] | null;
  actions: RegistryActions;
  importButton: ReactNode;
}) {
  const [selected, setSelected] = useState<number[]>([]);
  const { navigate } = actions;
  const chosen = selected.filter((v) => model.versions.some((m) => m.version === v));
  const aliases = aliasEntries(model.aliases);
  const unused = STANDARD_ALIASES.filter((a) => model.aliases[a] === undefined);
  const drift = () => navigate({ page: 'analysis', view: 'drift', model: model.aliases.production !== undefined ? `${model.name}:production` : `${model.name}@${model.latest}`, datasetId: null });
  return (
    <>
      <div className="page-header">
        <div className="dataset-title-block">
          <ModelBreadcrumb name={model.name} navigate={navigate} />
          <h1 className="page-title" data-testid="model-title">
            {model.name}
          </h1>
          <div className="page-subtitle meta-line">
            <span className="tag">{model.task}</span>
            <span>
              {model.versions.length} version{model.versions.length === 1 ? '' : 's'} · latest v{model.latest}
            </span>
          </div>
        </div>
        <div className="header-actions">
          {importButton}
          <button type="button" className="button" onClick={drift} data-testid="model-drift">
            Check drift
          </button>
          <button
            type="button"
            className="button"
            disabled={chosen.length !== 2}
            title={chosen.length !== 2 ? 'Tick two versions in the table to compare them.' : undefined}
            onClick={() => navigate({ page: 'models', name: model.name, version: null, compare: { a: Math.min(...chosen), b: Math.max(...chosen) } })}
            data-testid="model-compare"
          >
            Compare{chosen.length === 2 ? ` v${Math.min(...chosen)} and v${Math.max(...chosen)}` : ''}
          </button>
          <button type="button" className="button primary" onClick={() => actions.deploy(model.latest)} data-testid="model-deploy">
            Deploy…
          </button>
        </div>
      </div>

      <DriftAlertBanner model={model} onCheck={drift} />

      <div className="two-col">
        <section className="card" data-testid="model-aliases">
          <div className="card-header">
            <h2 className="card-title">Aliases</h2>
            <span className="muted small">Where each alias points now; the app and the CLI resolve {model.name}:production to it</span>
          </div>
          <div className="card-body alias-cards">
            {aliases.map(([alias, version]) => (
              <div key={alias} className="alias-card" data-testid="alias-card" data-alias={alias} data-version={version}>
                <AliasBadge alias={alias} />
                <button type="button" className="alias-card-version link" onClick={() => navigate(modelsRoute(model.name, version))}>
                  v{version}
                </button>
                <div className="alias-card-actions">
                  <button type="button" className="button small" onClick={() => actions.deploy(model.latest, alias)} data-testid="alias-deploy">
                    Deploy…
                  </button>
                  <button type="button" className="button small" onClick={() => actions.rollback(alias)} data-testid="alias-rollback">
                    Roll back…
                  </button>
                </div>
              </div>
            ))}
            {unused.map((alias) => (
              <div key={alias} className="alias-card is-empty" data-testid="alias-card" data-alias={alias}>
                <AliasBadge alias={alias} />
                <span className="alias-card-version muted">not deployed</span>
                <div className="alias-card-actions">
                  <button type="button" className="button small" onClick={() => actions.deploy(model.latest, alias)} data-testid="alias-deploy">
                    Deploy…
                  </button>
                </div>
              </div>
            ))}
          </div>
        </section>
        <PolicyEditor name={model.name} />
      </div>

      <ModelVersionsTable model={model} selected={chosen} onSelect={setSelected} actions={actions} />

      <AliasHistory events={history} />
    </>
  );
}
