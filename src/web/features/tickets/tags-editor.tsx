import { useState } from 'react';
import { LIMITS } from '../../../shared/enums.js';

/** Normalise a typed tag the way agents expect: trimmed, lower case, spaces → underscores. */
export function normaliseTag(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '_').slice(0, LIMITS.tag);
}

export function TagsEditor({ tags, onChange, disabled, id }: { tags: string[]; onChange(tags: string[]): void; disabled?: boolean; id: string }) {
  const [text, setText] = useState('');
  function addFrom(raw: string) {
    const add = raw.split(/[,\n]/).map(normaliseTag).filter(Boolean);
    const next = [...tags];
    for (const t of add) if (!next.includes(t)) next.push(t);
    if (next.length !== tags.length) onChange(next.slice(0, LIMITS.tags));
    setText('');
  }
  return (
    <div className={disabled ? 'tags-editor is-disabled' : 'tags-editor'}>
      {tags.map((t) => (
        <span key={t} className="tag tag-removable">
          {t}
          {!disabled && (
            <button type="button" aria-label={`Remove tag ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>
              ×
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <input
          id={id}
          value={text}
          placeholder={tags.length ? '' : 'Add tags'}
          onChange={(e) => (e.target.value.includes(',') ? addFrom(e.target.value) : setText(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addFrom(text);
            } else if (e.key === 'Backspace' && !text && tags.length) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => text.trim() && addFrom(text)}
        />
      )}
    </div>
  );
}
