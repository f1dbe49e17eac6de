import { useEffect, useState } from 'react';
import { api, type Issue } from './api.js';

/**
 * The SOP text editor: YAML with live validation against the server's schema (every issue with its line
 * and path; click one to jump there).
 */
export function YamlEditor({ value, onChange, readOnly = false }: { value: string; onChange(v: string): void; readOnly?: boolean }) {
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [area, setArea] = useState<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    if (readOnly) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api.post<{ ok: boolean; issues: Issue[] }>('/api/v1/sops/validate', { yaml: value }, { signal: ctl.signal })
        .then((r) => setIssues(r.issues))
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [value, readOnly]);
  const jump = (line: number | null) => {
    if (!area || !line) return;
    const lines = value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };
  return (
    <div className="sop-editor">
      <label className="field">
        <span>SOP (YAML)</span>
        <textarea ref={setArea} className="sop-yaml" spellCheck={false} rows={22} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} data-testid="sop-yaml" />
      </label>
      {!readOnly && issues && (
        issues.length === 0 ? <p className="muted small" data-testid="sop-valid">✓ Valid</p> : (
          <ul className="sop-issues" data-testid="sop-issues">
            {issues.map((i, n) => (
              <li key={n}>
                <button type="button" className="link-button" onClick={() => jump(i.line)}>{i.line ? `line ${i.line}` : 'yaml'}</button> <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
