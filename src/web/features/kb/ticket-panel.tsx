import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { useInvalidateTicket } from '../../api-client/queries.js';
import type { TicketPanelProps } from '../../routes/web-module.js';
import type { KbPassage } from './api.js';

/** Snippets come from the server as escaped text with <mark> only; render the marks, nothing else. */
function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>|<\/mark>)/);
  let on = false;
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return (
    <span>
      {parts.map((p, i) => {
        if (p === '<mark>') { on = true; return null; }
        if (p === '</mark>') { on = false; return null; }
        return on ? <mark key={i}>{decode(p)}</mark> : <span key={i}>{decode(p)}</span>;
      })}
    </span>
  );
}

/** Ticket side panel: Help Center articles that may answer this ticket; insert a link or the text into a public reply. */
export function KbTicketPanel({ ticketId, readOnly, onReload }: TicketPanelProps) {
  const q = useQuery({
    queryKey: ['kb', 'suggestions', ticketId],
    queryFn: ({ signal }) => api.get<{ query: string; data: KbPassage[] }>(`/api/v1/kb/suggestions?ticket_id=${ticketId}&limit=4`, signal),
  });
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const invalidate = useInvalidateTicket();
  const send = useMutation({
    mutationFn: (body: string) => api.post(`/api/v1/tickets/${ticketId}/messages`, { body, public: true }),
    onSuccess: () => { setDraft(null); setNote('Reply sent.'); invalidate(ticketId); onReload(); },
  });
  const prepare = (text: string) => {
    // The ticket's reply composer inserts the text at its cursor; without one, the panel's own draft takes it.
    const detail: { ticketId: string; text: string; handled?: boolean } = { ticketId, text };
    window.dispatchEvent(new CustomEvent('switchboard:compose-insert', { detail }));
    if (detail.handled) {
      setDraft(null);
      setNote('Inserted into the reply.');
    } else {
      setDraft(text);
      setNote('');
    }
  };
  const abs = (url: string) => `${window.location.origin}${url}`;
  const hits = q.data?.data ?? [];
  return (
    <section className="panel kb-panel" aria-labelledby="kb-panel-title">
      <h2 id="kb-panel-title" className="panel-title">Suggested articles</h2>
      {q.isPending ? <p className="muted small">Looking for articles…</p> : q.error ? <p className="muted small">{errorText(q.error)}</p> : hits.length === 0 ? (
        <p className="muted small">No matching articles.</p>
      ) : (
        <ul className="kb-suggestions">
          {hits.map((h) => (
            <li key={h.article_id}>
              <a href={h.url} target="_blank" rel="noreferrer">{h.title}</a>
              {h.visibility !== 'public' && <span className="badge"> {h.visibility}</span>}
              <div className="small muted"><Snippet html={h.snippet} /></div>
              {!readOnly && (
                <div className="kb-actions">
                  <button type="button" className="btn btn-small" onClick={() => prepare(`This article explains it step by step: ${h.title} — ${abs(h.url)}`)} disabled={h.visibility === 'internal'}>Insert link</button>{' '}
                  <button type="button" className="btn btn-small" onClick={() => prepare(`${h.text}\n\nMore: ${abs(h.url)}`)} disabled={h.visibility === 'internal'}>Insert content</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {draft !== null && (
        <div className="kb-draft">
          <label className="field">
            <span>Reply to the customer</span>
            <textarea rows={6} value={draft} onChange={(e) => setDraft(e.target.value)} />
          </label>
          <button type="button" className="btn btn-primary btn-small" disabled={send.isPending || !draft.trim()} onClick={() => send.mutate(draft)}>Send public reply</button>{' '}
          <button type="button" className="btn btn-small" onClick={() => { void navigator.clipboard?.writeText(draft); setNote('Copied to the clipboard.'); }}>Copy</button>{' '}
          <button type="button" className="btn btn-small" onClick={() => setDraft(null)}>Cancel</button>
          {send.error ? <p className="small" role="alert">{errorText(send.error)}</p> : null}
        </div>
      )}
      {note && <p className="small" role="status">{note}</p>}
    </section>
  );
}
