/**
 * Form controls bound to a field of the variant config by its dotted path. They read the value and
 * its validation errors from ConfigFormContext and write back raw input (an invalid value stays in
 * the config so `validateVariant` can name the problem next to the field).
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { FieldError } from '../../../shared/model/variant-validation';
import { get } from '../../../shared/model/variant-validation';
import { formatConvBlocks, parseConvBlocks } from '../../../shared/model/conv-block-text';
import { errorsFor } from './config-draft';

/** What every field needs: the config being edited, its errors and a setter by path. */
export interface ConfigFormState {
  config: unknown;
  errors: FieldError[];
  set: (path: string, value: unknown) => void;
  disabled?: boolean;
}

/** Provides the config, its errors and the setter to the fields below. */
export const ConfigFormContext = createContext<ConfigFormState | null>(null);

function useField(path: string): { value: unknown; errors: string[]; set: (v: unknown) => void; disabled: boolean } {
  const ctx = useContext(ConfigFormContext);
  if (!ctx) throw new Error('Config fields must be inside <ConfigFormContext.Provider>.');
  return { value: get(ctx.config, path), errors: errorsFor(ctx.errors, path), set: (v) => ctx.set(path, v), disabled: !!ctx.disabled };
}

/** A field's id for labels and tests: "training.epochs" -> "cfg-training-epochs". */
function fieldId(path: string): string {
  return `cfg-${path.replace(/\./g, '-')}`;
}

/** The label, the control, a hint and the field's errors. */
export function FieldShell({
  label,
  hint,
  errors,
  htmlFor,
  testId,
  wide,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors: string[];
  htmlFor?: string;
  testId: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field cfg-field${errors.length > 0 ? ' has-error' : ''}${wide ? ' wide' : ''}`} data-testid={testId}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {errors.length > 0 ? (
        <div className="field-error" data-testid="field-error" role="alert">
          {errors.join(' ')}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}

/** Text of a value for an input: numbers and lists as typed, nothing for null/undefined. */
function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => String(x)).join(', ');
  return String(v);
}

/** A number when the text is one, else the text itself (so validation can name it). */
function parseNumber(text: string): number | string {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** A comma-separated list of numbers: "64, 64" -> [64, 64]; items that are not numbers stay as text. */
function parseList(text: string): (number | string)[] {
  return text
    .split(/[,\s]+/)
    .filter((t) => t !== '')
    .map(parseNumber);
}

/** A text input that keeps what the user typed while it means the same value as the config holds. */
function TextInput({
  path,
  parse,
  format = toText,
  placeholder,
  inputMode,
}: {
  path: string;
  parse: (text: string) => unknown;
  format?: (value: unknown) => string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
}) {
  const f = useField(path);
  const [text, setText] = useState(() => format(f.value));
  // A change from elsewhere (preset, YAML editor) replaces the text; the user's own typing does not.
  // (Adjusted while rendering when the value changes, as React advises for state that follows a prop.)
  const valueKey = JSON.stringify(f.value ?? null);
  const [seenKey, setSeenKey] = useState(valueKey);
  if (valueKey !== seenKey) {
    setSeenKey(valueKey);
    if (JSON.stringify(parse(text)) !== valueKey) setText(format(f.value));
  }
  return (
    <input
      id={fieldId(path)}
      type="text"
      inputMode={inputMode}
      value={text}
      placeholder={placeholder}
      disabled={f.disabled}
      aria-invalid={f.errors.length > 0}
      onChange={(e) => {
        setText(e.target.value);
        f.set(parse(e.target.value));
      }}
      data-testid={`${fieldId(path)}-input`}
    />
  );
}

/** A number field. `nullable` maps an empty box to null (e.g. "no cap"). */
export function NumberField({
  path,
  label,
  hint,
  nullable,
  placeholder,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  nullable?: boolean;
  placeholder?: string;
}) {
  const f = useField(path);
  const parse = (t: string) => (nullable && t.trim() === '' ? null : parseNumber(t));
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} htmlFor={fieldId(path)} testId={fieldId(path)}>
      <TextInput path={path} parse={parse} inputMode="decimal" placeholder={placeholder} />
    </FieldShell>
  );
}

/** A list of whole numbers typed as "64, 64". */
export function ListField({ path, label, hint, placeholder }: { path: string; label: string; hint?: ReactNode; placeholder?: string }) {
  const f = useField(path);
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} htmlFor={fieldId(path)} testId={fieldId(path)}>
      <TextInput path={path} parse={parseList} inputMode="numeric" placeholder={placeholder} />
    </FieldShell>
  );
}

/** Conv blocks typed as "128x8, 256x5, 128x3" (FILTERSxKERNEL, optional dN dilation, pN pooling, nobn). */
export function ConvBlocksField({ path, label, hint, placeholder }: { path: string; label: string; hint?: ReactNode; placeholder?: string }) {
  const f = useField(path);
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} htmlFor={fieldId(path)} testId={fieldId(path)} wide>
      <TextInput path={path} parse={parseConvBlocks} format={formatConvBlocks} placeholder={placeholder} />
    </FieldShell>
  );
}

/** A drop-down of fixed choices. */
export function SelectField({
  path,
  label,
  options,
  hint,
  parse,
}: {
  path: string;
  label: string;
  options: readonly (string | { value: string; label: string })[];
  hint?: ReactNode;
  /** Turns the chosen option into the config value (default: the option's text). */
  parse?: (value: string) => unknown;
}) {
  const f = useField(path);
  const opts = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  const value = typeof f.value === 'string' || typeof f.value === 'number' ? String(f.value) : '';
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} htmlFor={fieldId(path)} testId={fieldId(path)}>
      <select id={fieldId(path)} value={value} disabled={f.disabled} onChange={(e) => f.set(parse ? parse(e.target.value) : e.target.value)} data-testid={`${fieldId(path)}-input`}>
        {!opts.some((o) => o.value === value) && <option value={value}>{value || '—'}</option>}
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An on/off switch. */
export function ToggleField({ path, label, hint, disabled }: { path: string; label: string; hint?: ReactNode; disabled?: boolean }) {
  const f = useField(path);
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} testId={fieldId(path)}>
      <label className={`switch${disabled || f.disabled ? ' disabled' : ''}`}>
        <input
          type="checkbox"
          checked={f.value === true}
          disabled={disabled || f.disabled}
          onChange={(e) => f.set(e.target.checked)}
          data-testid={`${fieldId(path)}-input`}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-text">{f.value === true ? 'On' : 'Off'}</span>
      </label>
    </FieldShell>
  );
}

/** Several of a fixed set of choices, as chips (e.g. calendar features). */
export function ChoicesField({
  path,
  label,
  options,
  hint,
  disabled,
}: {
  path: string;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const f = useField(path);
  const chosen = Array.isArray(f.value) ? (f.value as unknown[]) : [];
  const toggle = (v: string) =>
    f.set(chosen.includes(v) ? chosen.filter((x) => x !== v) : options.map((o) => o.value).filter((o) => o === v || chosen.includes(o)));
  return (
    <FieldShell label={label} hint={hint} errors={f.errors} testId={fieldId(path)}>
      <div className="column-chips" role="group" aria-label={label}>
        {options.map((o) => (
          <label key={o.value} className={`chip${chosen.includes(o.value) ? ' checked' : ''}${disabled || f.disabled ? ' disabled' : ''}`}>
            <input type="checkbox" checked={chosen.includes(o.value)} disabled={disabled || f.disabled} onChange={() => toggle(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </FieldShell>
  );
}
