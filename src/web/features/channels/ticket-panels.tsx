import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorText } from '../../api-client/client.js';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { StatusBadge } from '../../ui/feedback.js';
import { fullTime, shortTime } from '../../ui/format.js';
import { api, chkeys, useActivity, useMergeSuggestions, useTicketEmails, type EmailDto } from './api.js';

const STATUS_TEXT: Record<EmailDto['status'], string> = {
  received: 'received', queued: 'queued', sending: 'sending', sent: 'sent', retrying: 'retrying', failed: 'failed', suppressed: 'not sent (loop protection)',
};

/** The same customer on other channels, and tickets the system suggests merging (with the reason). */
export function CasePanel({ ticketId, ticket, readOnly, onReload }: TicketPanelProps) {
  const activity = useActivity(ticketId);
  const suggestions = useMergeSuggestions(ticketId);
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: chkeys.suggestions(ticketId) });
    void qc.invalidateQueries({ queryKey: chkeys.activity(ticketId) });
    onReload();
  };
  const merge = useMutation({
    mutationFn: (otherId: string) => api.post(`/api/v1/tickets/${ticketId}/merge`, { source_ids: [otherId], reason: 'Suggested: same customer, same topic' }),
    onSuccess: refresh,
  });
  const dismiss = useMutation({ mutationFn: (otherId: string) => api.post(`/api/v1/tickets/${ticketId}/merge_suggestions/${otherId}/dismiss`), onSuccess: refresh });
  const items = activity.data?.items ?? [];
  const sugg = suggestions.data?.data ?? [];
  return (
    <section className="panel" aria-labelledby="case-title">
      <h2 id="case-title" className="panel-title">Customer across channels</h2>
      {activity.isPending ? <p className="muted small">Loading…</p> : items.length === 0 ? (
        <p className="muted small">No other conversations.</p>
      ) : (
        <ul className="mini-list">
          {items.slice(0, 8).map((i) => (
            <li key={i.ticket_id}>
              <span className="tag">{i.channel}</span> <StatusBadge status={i.status} />
              <Link to={`/tickets/${i.ticket_id}`} title={i.last_message_preview ?? i.subject}>#{i.number} {i.subject}</Link>
              <span className="muted small" title={i.last_message_at ? fullTime(i.last_message_at) : undefined}>{shortTime(i.last_message_at ?? i.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
      {sugg.length > 0 && (
        <>
          <h3 className="panel-subtitle">Possible duplicates</h3>
          {(merge.error || dismiss.error) && <p role="alert" className="error small">{errorText(merge.error ?? dismiss.error)}</p>}
          <ul className="ch-list">
            {sugg.map((s) => (
              <li key={s.ticket_id}>
                <Link to={`/tickets/${s.ticket_id}`}>#{s.number} {s.subject}</Link>
                <p className="muted small">{s.explanation}</p>
                {!readOnly && ticket.status !== 'closed' && (
                  <span className="ch-actions">
                    <button type="button" disabled={merge.isPending} onClick={() => merge.mutate(s.ticket_id)}>Merge #{s.number} into this</button>
                    <button type="button" disabled={dismiss.isPending} onClick={() => dismiss.mutate(s.ticket_id)}>Not a duplicate</button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Mail in and out on this ticket: delivery state, retries and errors, the original .eml, resend, split. */
export function EmailPanel({ ticketId, readOnly, onReload }: TicketPanelProps) {
  const emails = useTicketEmails(ticketId);
  const qc = useQueryClient();
  const resend = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/emails/${id}/resend`),
    onSettled: () => qc.invalidateQueries({ queryKey: chkeys.emails(ticketId) }),
  });
  const split = useMutation({
    mutationFn: ({ messageId, reason }: { messageId: string; reason: string }) =>
      api.post<{ id: string; number: number }>(`/api/v1/tickets/${ticketId}/messages/${messageId}/split`, { reason }),
    onSuccess: () => onReload(),
  });
  const list = emails.data?.data ?? [];
  if (emails.isPending || list.length === 0) return null;
  const inbound = list.filter((e) => e.direction === 'inbound' && e.message_id);
  return (
    <section className="panel" aria-labelledby="email-title">
      <h2 id="email-title" className="panel-title">Email</h2>
      {(resend.error || split.error) && <p role="alert" className="error small">{errorText(resend.error ?? split.error)}</p>}
      {split.data && <p className="small">Split out as <Link to={`/tickets/${split.data.id}`}>#{split.data.number}</Link>.</p>}
      <ul className="ch-list">
        {list.map((e) => (
          <li key={e.id}>
            <span className="tag">{e.direction === 'inbound' ? `in · ${e.classification}` : `out · ${e.kind}`}</span>{' '}
            <span className={e.status === 'failed' ? 'error' : undefined}>{STATUS_TEXT[e.status]}</span>
            {e.attempts > 1 && <span className="muted small"> ({e.attempts} attempts)</span>}
            <span className="muted small" title={fullTime(e.created_at)}> {shortTime(e.created_at)}</span>
            {e.direction === 'inbound' && <div className="muted small">from {e.from_address} · matched by {e.thread_match ?? '—'}</div>}
            {e.direction === 'outbound' && <div className="muted small">to {e.to_addresses.join(', ')}</div>}
            {e.last_error && <div className="error small">{e.last_error}{e.next_attempt_at ? ` — next try ${shortTime(e.next_attempt_at)}` : ''}</div>}
            <span className="ch-actions">
              {e.raw_url && <a href={e.raw_url} download>.eml</a>}
              {!readOnly && e.direction === 'outbound' && e.status === 'failed' && (
                <button type="button" disabled={resend.isPending} onClick={() => resend.mutate(e.id)}>Resend</button>
              )}
              {!readOnly && e.direction === 'inbound' && inbound.length > 1 && e.id !== inbound[0].id && e.classification === 'normal' && (
                <button type="button" disabled={split.isPending} onClick={() => {
                  const reason = window.prompt('Split this email into a new ticket. Reason:');
                  if (reason?.trim()) split.mutate({ messageId: e.message_id!, reason: reason.trim() });
                }}>Split to new ticket</button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
