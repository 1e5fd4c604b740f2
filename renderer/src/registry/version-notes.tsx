/** A version's tags and notes, edited in place and saved to the registry. */
import { useState, type KeyboardEvent } from 'react';
import type { ModelVersionDetail } from '../../../shared/registry/types';
import { useAction } from '../common/use-action';
import { CloseIcon } from '../common/icons';
import { useOperationMutation } from '../common/use-operation';

/** The editor; a save reloads the version wherever it is shown. */
export function VersionNotes({ d }: { d: ModelVersionDetail }) {
  const update = useOperationMutation('models:update', ['models']);
  const [tags, setTags] = useState(d.tags);
  const [input, setInput] = useState('');
  const [notes, setNotes] = useState(d.notes);
  const action = useAction();
  const { busy: saving, error, done: saved } = action;

  const pending = input.trim();
  const nextTags = pending && !tags.includes(pending) ? [...tags, pending] : tags;
  const dirty = notes !== d.notes || JSON.stringify(nextTags) !== JSON.stringify(d.tags);
  const addTag = () => {
    if (pending && !tags.includes(pending)) setTags([...tags, pending]);
    setInput('');
    action.touch();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      addTag();
    } else if (e.key === 'Backspace' && input === '' && tags.length > 0) setTags(tags.slice(0, -1));
  };
  const save = () =>
    action.run(async () => {
      const updated = await update.mutateAsync({ name: d.name, version: d.version, tags: nextTags, notes });
      setTags(updated.tags);
      setNotes(updated.notes);
      setInput('');
    });

  return (
    <section className="card" data-testid="version-notes">
      <div className="card-header">
        <h2 className="card-title">Tags and notes</h2>
      </div>
      <div className="card-body notes-form">
        <div className="field">
          <span className="field-label">Tags</span>
          <div className="tag-editor">
            {tags.map((t) => (
              <span key={t} className="tag tag-removable" data-testid="version-tag">
                {t}
                <button type="button" onClick={() => setTags(tags.filter((x) => x !== t))} aria-label={`Remove tag ${t}`} title="Remove">
                  <CloseIcon width={12} height={12} />
                </button>
              </span>
            ))}
            <input type="text" value={input} onChange={(e) => setInput(e.target.value)} onKeyDown={onKey} onBlur={addTag} placeholder={tags.length ? 'Add a tag' : 'e.g. baseline, summer'} data-testid="version-tag-input" />
          </div>
        </div>
        <label className="field">
          <span className="field-label">Notes</span>
          <textarea rows={4} value={notes} onChange={(e) => (setNotes(e.target.value), action.touch())} placeholder="What this version is for, how it was checked…" data-testid="version-notes-text" />
        </label>
        {error && <div className="field-error">{error}</div>}
        <div className="policy-actions">
          <button type="button" className="button primary" onClick={() => void save()} disabled={!dirty || saving} data-testid="version-notes-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
          {saved && !dirty && (
            <span className="muted small" data-testid="version-notes-saved">
              Saved.
            </span>
          )}
        </div>
      </div>
    </section>
  );
}
