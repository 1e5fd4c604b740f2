/** A select of a model's versions, each with the aliases pointing at it. */
import type { RegisteredModel } from '../../../shared/registry/types';

/** Renders the select; `onChange` gets the chosen version number. */
export function VersionSelect({ model, value, onChange, disabled, testId }: { model: RegisteredModel; value: number; onChange: (v: number) => void; disabled?: boolean; testId: string }) {
  return (
    <select value={value} onChange={(e) => onChange(Number(e.target.value))} disabled={disabled} data-testid={testId}>
      {model.versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
          {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
        </option>
      ))}
    </select>
  );
}
