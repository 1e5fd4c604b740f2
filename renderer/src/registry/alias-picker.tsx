/** The alias field of the deploy dialog: production, candidate, or a name of your own, with what it points at now. */
import { STANDARD_ALIASES } from '../../../shared/registry/types';

/** A standard alias, or 'custom' for a typed one. */
export type AliasChoice = (typeof STANDARD_ALIASES)[number] | 'custom';

/** Renders the choice; `alias` is the resolved name, `inService` the version it points at now. */
export function AliasPicker({
  choice,
  onChoice,
  custom,
  onCustom,
  alias,
  aliasOk,
  inService,
  busy,
}: {
  choice: AliasChoice;
  onChoice: (choice: AliasChoice) => void;
  custom: string;
  onCustom: (text: string) => void;
  alias: string;
  aliasOk: boolean;
  inService: number | null;
  busy: boolean;
}) {
  return (
    <div className="field">
      <span className="field-label">Alias</span>
      <div className="alias-choice">
        <div className="segmented-small" role="radiogroup" aria-label="Alias" data-testid="deploy-alias">
          {[...STANDARD_ALIASES, 'custom' as const].map((a) => (
            <button key={a} type="button" role="radio" aria-checked={choice === a} className={choice === a ? 'active' : ''} onClick={() => onChoice(a)} disabled={busy} data-testid={`deploy-alias-${a}`}>
              {a === 'custom' ? 'Other…' : a}
            </button>
          ))}
        </div>
        {choice === 'custom' && (
          <input
            type="text"
            value={custom}
            onChange={(e) => onCustom(e.target.value)}
            placeholder="e.g. staging"
            className={custom && !aliasOk ? 'invalid' : ''}
            disabled={busy}
            autoFocus
            data-testid="deploy-alias-custom"
          />
        )}
        <span className="muted small" data-testid="deploy-in-service">
          {aliasOk ? (inService === null ? `Nothing is ${alias} yet.` : `Now: v${inService}.`) : ''}
        </span>
      </div>
      {choice === 'custom' && custom && !aliasOk && <span className="field-error">1 to 40 lowercase letters, digits, “_” or “-”, starting with a letter.</span>}
    </div>
  );
}
