/** The admin pages' add/edit dialogs: a draft object bound to the inputs, labelled fields, the dialog with Cancel/Save. */
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../../api-client/client.js';
import { Dialog } from '../../ui/dialog.js';

type KeysOf<D, V> = { [K in keyof D]: D[K] extends V ? K : never }[keyof D];
type Editable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A form's draft: `text('name')` binds an input, textarea or select; `check('flag')` a checkbox; `set('ids')` any other value. */
export function useDraft<D extends object>(initial: D | (() => D)) {
  const [draft, setDraft] = useState<D>(initial);
  const set = <K extends keyof D>(k: K) => (v: D[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return {
    draft,
    set,
    text: <K extends KeysOf<D, string>>(k: K) => ({ value: draft[k] as string, onChange: (e: ChangeEvent<Editable>) => set(k)(e.target.value as D[K]) }),
    check: <K extends KeysOf<D, boolean>>(k: K) => ({ checked: draft[k] as boolean, onChange: (e: ChangeEvent<HTMLInputElement>) => set(k)(e.target.checked as D[K]) }),
  };
}

/** A labelled control in a dialog form. */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

interface EditDialogProps {
  title: string;
  wide?: boolean;
  onClose(): void;
  onSubmit(): void;
  /** the save mutation: its error is shown, and Save is disabled while it runs */
  save: { error: unknown; isPending: boolean };
  submitLabel?: string;
  children: ReactNode;
}

export function EditDialog({ title, wide, onClose, onSubmit, save, submitLabel = 'Save', children }: EditDialogProps) {
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
  }
  return (
    <Dialog open onClose={onClose} title={title} wide={wide}>
      <form className="form" onSubmit={submit}>
        {children}
        {save.error ? (
          <p className="alert alert-error" role="alert">
            {errorText(save.error)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
