/** Says in plain words when a run chose its epochs on the training loss because validation was too small. */
import type { RunDetail } from '../../../shared/model/training';
import { modelSelection } from '../../../shared/training/model-selection';
import { InlineCode } from '../common/inline-code';

/** Renders the sentence of `modelSelection` for a recorded run, or nothing when validation chose as usual. */
export function ModelSelectionNote({ run }: { run: Pick<RunDetail, 'config' | 'split'> }) {
  const { sentence } = modelSelection(run.config, run.split?.windows.validation ?? 0);
  if (!sentence) return null;
  return (
    <div className="muted small selection-note" data-testid="selection-note">
      <InlineCode text={sentence} />
    </div>
  );
}
