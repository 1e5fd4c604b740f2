/** The preset picker: built-in presets that suit the chosen task, as cards that fill the form. */
import type { PresetInfo } from '../../../shared/model/training';

/** Renders the preset cards; `modified` marks the chosen one when the form has been edited since. */
export function ConfigurePresets({
  presets,
  selected,
  modified,
  onPick,
}: {
  presets: PresetInfo[] | null;
  selected: string | null;
  modified: boolean;
  onPick: (preset: PresetInfo) => void;
}) {
  return (
    <section className="card" data-testid="configure-presets">
      <div className="card-header">
        <h2 className="card-title">Preset</h2>
        <span className="muted small">A starting point; every field below stays editable</span>
      </div>
      <div className="card-body">
        {presets === null ? (
          <div className="muted small">Loading presets…</div>
        ) : presets.length === 0 ? (
          <div className="muted small">No preset suits this task; start from the defaults below.</div>
        ) : (
          <div className="preset-grid" role="radiogroup" aria-label="Preset">
            {presets.map((p) => {
              const active = p.name === selected;
              return (
                <button
                  key={p.name}
                  type="button"
                  role="radio"
                  aria-checked={active}
                  className={`preset-card${active ? ' active' : ''}`}
                  onClick={() => onPick(p)}
                  data-testid={`preset-${p.name}`}
                >
                  <span className="preset-title">
                    {p.title}
                    {active && modified && <span className="tag tag-accent">edited</span>}
                  </span>
                  <span className="preset-desc">{p.description}</span>
                </button>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
