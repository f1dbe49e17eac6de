import { useState } from 'react';

/** A JSON textarea for structured rule parts, checked as you type; the server validates the meaning (with paths). */
export function JsonField<T>({ label, value, onChange, rows = 6, hint }: { label: string; value: T; onChange(v: T | undefined): void; rows?: number; hint?: string }) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const id = `json-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="mono"
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as T);
            setError(null);
          } catch (err) {
            onChange(undefined);
            setError((err as Error).message);
          }
        }}
      />
      <span id={`${id}-help`} className={error ? 'small error-text' : 'small muted'}>
        {error ?? hint}
      </span>
    </div>
  );
}
