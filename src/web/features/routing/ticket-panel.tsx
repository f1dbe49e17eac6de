import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { fullTime } from '../../ui/format.js';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { useSession } from '../auth/session.js';
import { EscalateDialog } from './escalate-dialog.js';
import { api, rkeys, useEscalations, useProblems, useTicketPriority, useTicketProblem } from './routing-api.js';
import { ScoreBreakdown } from './score-why.js';

const OPEN = ['new', 'open', 'pending', 'on_hold'];

/** Ticket page side panel: priority score and why, the linked problem, escalations (and escalate). */
export function RoutingTicketPanel({ ticketId, ticket, readOnly }: TicketPanelProps) {
  const { can } = useSession();
  const names = useNames();
  const qc = useQueryClient();
  const prio = useTicketPriority(ticketId, OPEN.includes(ticket.status));
  const escalations = useEscalations(ticketId);
  const problem = useTicketProblem(ticketId);
  const [escalating, setEscalating] = useState(false);
  const close = useMutation({
    mutationFn: (v: { id: string; outcome: 'resolved' | 'cancelled' }) => api.post(`/api/v1/escalations/${v.id}/close`, { outcome: v.outcome }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: rkeys.escalations(ticketId) }),
  });
  return (
    <section className="panel routing-panel" aria-labelledby="routing-panel-title">
      <h2 id="routing-panel-title" className="panel-title">Priority &amp; escalation</h2>
      {prio.data ? (
        <>
          <p className="score-line">
            Score <span className="score-chip">{prio.data.score}</span>
          </p>
          <ScoreBreakdown score={prio.data} />
        </>
      ) : (
        <p className="muted small">{OPEN.includes(ticket.status) ? (prio.isPending ? 'Scoring…' : 'No score') : 'Solved and closed tickets have no priority score.'}</p>
      )}
      <h3 className="panel-subtitle">Problem</h3>
      {problem.data ? (
        <p>
          <Link to={`/problems/${problem.data.id}`}>{problem.data.title}</Link> <span className="badge">{problem.data.status}</span>
        </p>
      ) : (
        <>
          <p className="muted small">Not linked to a problem.</p>
          {!readOnly && <LinkProblem ticketId={ticketId} />}
        </>
      )}
      <h3 className="panel-subtitle">Escalations</h3>
      {(escalations.data?.data ?? []).length === 0 && <p className="muted small">None.</p>}
      <ul className="mini-list">
        {(escalations.data?.data ?? []).map((e) => (
          <li key={e.id} className="escalation-item">
            <span className="badge">{e.status}</span> <strong>{e.team_name}</strong> — {e.reason}
            <div className="muted small">
              {e.response_due_at && e.status === 'open' && (
                <>answer due {fullTime(e.response_due_at)}{Date.parse(e.response_due_at) < Date.now() && <strong className="sla-breached"> (overdue)</strong>} · </>
              )}
              {e.resolution_due_at && (e.status === 'open' || e.status === 'answered') && (
                <>resolve by {fullTime(e.resolution_due_at)}{Date.parse(e.resolution_due_at) < Date.now() && <strong className="sla-breached"> (overdue)</strong>} · </>
              )}
              shared with {e.shared_with.map((id) => names.user(id)).join(', ') || 'nobody'}
            </div>
            {(e.status === 'open' || e.status === 'answered') && (
              <div className="row-actions">
                <button type="button" className="btn btn-small" onClick={() => close.mutate({ id: e.id, outcome: 'resolved' })}>Resolve</button>
                {can('tickets.write') && (
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => close.mutate({ id: e.id, outcome: 'cancelled' })}>Cancel</button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {close.error ? <p className="alert alert-error" role="alert">{errorText(close.error)}</p> : null}
      {!readOnly && can('tickets.write') && OPEN.includes(ticket.status) && (
        <button type="button" className="btn btn-small" onClick={() => setEscalating(true)}>Escalate…</button>
      )}
      {escalating && <EscalateDialog ticketId={ticketId} onClose={() => setEscalating(false)} />}
    </section>
  );
}

function LinkProblem({ ticketId }: { ticketId: string }) {
  const problems = useProblems();
  const qc = useQueryClient();
  const [id, setId] = useState('');
  const link = useMutation({
    mutationFn: () => api.post(`/api/v1/problems/${id}/tickets`, { ticket_ids: [ticketId] }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['routing'] }),
  });
  const open = (problems.data?.data ?? []).filter((p) => p.status === 'open');
  if (!open.length) return null;
  return (
    <div className="form-row">
      <label className="inline-field">
        <span className="sr-only">Problem</span>
        <select value={id} onChange={(e) => setId(e.target.value)}>
          <option value="">Link to a problem…</option>
          {open.map((p) => (
            <option key={p.id} value={p.id}>{p.title}</option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-small" disabled={!id || link.isPending} onClick={() => link.mutate()}>Link</button>
      {link.error ? <p className="alert alert-error" role="alert">{errorText(link.error)}</p> : null}
    </div>
  );
}
