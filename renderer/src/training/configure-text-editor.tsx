/**
 * The "Advanced: YAML/JSON" editor: the whole config as text, kept in sync with the form both ways.
 * Edits that parse replace the config (fields left out fall back to the defaults); a parse error is
 * shown under the text and blocks training until fixed.
 */
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_VARIANT, mergeVariant, type VariantConfig } from '../../../shared/model/variant';
import { formatVariant, parseVariantText } from '../../../shared/model/variant-text';
import type { FieldError } from '../../../shared/model/variant-validation';
import { errorMessage } from '../common/error-context';

type TextFormat = 'yaml' | 'json';

/** Renders the collapsible editor; `onConfig` receives each config that parses, `onParseError` the current parse error. */
export function ConfigureTextEditor({
  config,
  errors,
  onConfig,
  onParseError,
}: {
  config: VariantConfig;
  errors: FieldError[];
  onConfig: (config: VariantConfig) => void;
  onParseError: (message: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<TextFormat>('yaml');
  const [text, setText] = useState(() => formatVariant(config, format));
  const [parseError, setParseError] = useState<string | null>(null);
  // The config that the current text stands for: a form edit changes config and rewrites the text.
  const shown = useRef(JSON.stringify(config));

  useEffect(() => {
    const key = JSON.stringify(config);
    if (key === shown.current) return;
    shown.current = key;
    setText(formatVariant(config, format));
    setParseError(null);
    onParseError(null);
    // A format switch rewrites the text itself (the config is unchanged, so this returns early).
  }, [config, format, onParseError]);

  const edit = (value: string) => {
    setText(value);
    try {
      const next = mergeVariant(DEFAULT_VARIANT, parseVariantText(value, `The ${format.toUpperCase()} config`));
      shown.current = JSON.stringify(next);
      setParseError(null);
      onParseError(null);
      onConfig(next);
    } catch (err) {
      const message = errorMessage(err);
      setParseError(message);
      onParseError(message);
    }
  };

  const switchFormat = (next: TextFormat) => {
    setFormat(next);
    if (!parseError) setText(formatVariant(config, next));
  };

  return (
    <section className="card" data-testid="configure-text">
      <div className="card-header">
        <button type="button" className="card-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="cfg-text-toggle">
          <span className={`chevron${open ? ' open' : ''}`} aria-hidden="true">
            ▸
          </span>
          <h2 className="card-title">Advanced: YAML / JSON</h2>
        </button>
        {open && (
          <div className="segmented-small" role="radiogroup" aria-label="Text format">
            {(['yaml', 'json'] as const).map((f) => (
              <button key={f} type="button" role="radio" aria-checked={format === f} className={format === f ? 'active' : ''} onClick={() => switchFormat(f)}>
                {f.toUpperCase()}
              </button>
            ))}
          </div>
        )}
        {!open && parseError && <span className="text-danger small">Has a parse error</span>}
      </div>
      {open && (
        <div className="card-body cfg-text">
          <textarea
            className={`code-editor${parseError ? ' has-error' : ''}`}
            value={text}
            onChange={(e) => edit(e.target.value)}
            spellCheck={false}
            rows={Math.min(30, Math.max(16, text.split('\n').length + 1))}
            aria-label="Config as YAML or JSON"
            data-testid="cfg-text"
          />
          {parseError ? (
            <div className="field-error" role="alert" data-testid="cfg-text-error">
              {parseError}
            </div>
          ) : errors.length > 0 ? (
            <ul className="field-error cfg-error-list" data-testid="cfg-text-errors">
              {errors.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : (
            <div className="field-hint">The same schema as the built-in presets. Fields you leave out take their defaults; edits here update the form.</div>
          )}
        </div>
      )}
    </section>
  );
}
