import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { useInvalidateTicket } from '../../api-client/queries.js';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { useMacros, type MacroPreview } from './api.js';

/** Ticket side panel: pick a macro, see exactly what it will send and change, edit the text, apply. */
export function MacroPanel({ ticketId, readOnly, onReload }: TicketPanelProps) {
  const macros = useMacros(true).data?.data ?? [];
  const [macroId, setMacroId] = useState('');
  const [body, setBody] = useState<string | null>(null);
  const invalidate = useInvalidateTicket();
  const preview = useQuery({
    queryKey: ['macro-preview', ticketId, macroId],
    enabled: Boolean(macroId),
    queryFn: ({ signal }) => api.get<MacroPreview>(`/api/v1/tickets/${ticketId}/macros/${macroId}/preview`, signal),
  });
  const apply = useMutation({
    mutationFn: () => api.post(`/api/v1/tickets/${ticketId}/macros/${macroId}/apply`, body !== null ? { body } : {}),
    onSuccess: () => {
      setMacroId('');
      setBody(null);
      invalidate(ticketId);
      onReload();
    },
  });
  if (readOnly || macros.length === 0) return null;
  const p = preview.data;
  return (
    <section className="panel" aria-labelledby="macro-panel-title">
      <h2 id="macro-panel-title" className="panel-title">Macros</h2>
      <label className="field">
        <span className="sr-only">Macro</span>
        <select value={macroId} onChange={(e) => { setMacroId(e.target.value); setBody(null); }} data-testid="macro-select">
          <option value="">Apply a macro…</option>
          {macros.map((m) => (
            <option key={m.id} value={m.id}>{m.name}{m.owner_id ? ' (personal)' : ''}</option>
          ))}
        </select>
      </label>
      {macroId && preview.isPending && <p className="muted small">Loading preview…</p>}
      {preview.error ? <p className="alert alert-error small">{errorText(preview.error)}</p> : null}
      {p && (
        <div className="macro-preview">
          {p.reply && (
            <label className="field">
              <span className="small muted">{p.reply.public ? 'Public reply' : 'Internal note'}{p.language ? ` (${p.language})` : ''}</span>
              <textarea rows={5} value={body ?? p.reply.body} onChange={(e) => setBody(e.target.value)} />
            </label>
          )}
          {Object.keys(p.changes).length > 0 && (
            <ul className="mini-list small">
              {Object.entries(p.changes).map(([k, v]) => (
                <li key={k}>{k.replace('_', ' ')}: {Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}</li>
              ))}
            </ul>
          )}
          {apply.error ? <p className="alert alert-error small" role="alert">{errorText(apply.error)}</p> : null}
          <button type="button" className="btn btn-primary btn-small" disabled={apply.isPending} onClick={() => apply.mutate()}>
            Apply macro
          </button>
        </div>
      )}
    </section>
  );
}
