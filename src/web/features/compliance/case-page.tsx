import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../../api-client/client.js';
import type { Case } from './cases-page.js';
import { CompliancePage, useAction, when } from './nav.js';

/** One regulatory case: its clocks and history fields, with extend / holding reply / pause / resume / respond. */
export function ComplianceCasePage() {
  const { id = '' } = useParams();
  const key = ['compliance', 'case', id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Case>(`/api/v1/compliance/cases/${encodeURIComponent(id)}`, signal) });
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const act = useAction(
    (path: string) => api.post<Case>(`/api/v1/compliance/cases/${encodeURIComponent(id)}/${path}`,
      path === 'respond' ? { outcome, reason_code: reason || undefined, late_reason: q.data?.overdue ? reason : undefined } : path === 'resume' ? {} : { reason }),
    [key, ['compliance', 'cases']],
    () => { setReason(''); setOutcome(''); },
  );
  const tl = useQuery({
    queryKey: [...key, 'timeline'],
    queryFn: ({ signal }) => api.get<{ data: Array<{ at: string; name: string; actor_type: string | null; payload: Record<string, unknown> }> }>(`/api/v1/compliance/cases/${encodeURIComponent(id)}/timeline`, signal),
  });
  const c = q.data as (Case & { details?: Record<string, unknown> }) | undefined;
  const open = c && (c.status === 'open' || c.status === 'paused');
  return (
    <CompliancePage title={c ? c.rule_label : 'Regulatory case'} id="compliance-case-title">
      <p><Link to="/compliance">← All cases</Link></p>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      {c && (
        <>
          <dl className="details" data-testid="case-details">
            <dt>Status</dt><dd data-testid="case-status">{c.status}{c.overdue ? ' — overdue' : c.due_soon ? ' — due soon' : ''}</dd>
            <dt>Regime</dt><dd>{c.regime.toUpperCase()} ({c.rule_key} v{c.rule_version})</dd>
            <dt>Received</dt><dd>{when(c.received_at)} via {c.channel} ({c.country})</dd>
            <dt>Due</dt><dd data-testid="case-due"><time dateTime={c.due_at}>{c.due_date ?? when(c.due_at)}</time>{c.due_at !== c.original_due_at ? ` (originally ${when(c.original_due_at)})` : ''}</dd>
            {c.clocks.length > 1 && <><dt>Clocks</dt><dd>{c.clocks.map((k) => `${k.name}: ${k.due_date ?? when(k.due_at)}`).join(' · ')}</dd></>}
            {c.extension_reason && <><dt>Extension</dt><dd>{when(c.extended_at)} — {c.extension_reason}</dd></>}
            {c.holding_reason && <><dt>Holding reply</dt><dd data-testid="case-holding">{when(c.holding_reply_at)} — {c.holding_reason}</dd></>}
            {c.paused_days > 0 && <><dt>Paused</dt><dd>{c.paused_days} day(s)</dd></>}
            {c.responded_at && <><dt>Answered</dt><dd>{when(c.responded_at)} by {c.responder_type} — {c.outcome}{c.reason_code ? ` (${c.reason_code})` : ''}</dd></>}
            <dt>Ticket</dt><dd>{c.ticket_id ? <Link to={`/tickets/${c.ticket_id}`}>Open ticket</Link> : '—'}</dd>
            {Object.entries(c.details ?? {}).map(([k, v]) => <Fragment key={k}><dt>{k.replace(/_/g, ' ')}</dt><dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd></Fragment>)}
          </dl>
          {open && (
            <form className="case-actions" aria-label="Case actions" onSubmit={(e) => e.preventDefault()}>
              <label className="field"><span>Reason (extension, holding reply, pause, late answer)</span>
                <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
              </label>
              <div className="button-row">
                {c.extension_allowed && <button type="button" disabled={act.pending} onClick={() => act.run('extend')}>Extend</button>}
                {c.holding_reply_allowed && <button type="button" disabled={act.pending} onClick={() => act.run('holding-reply')}>Record holding reply</button>}
                {c.pause_allowed && c.status === 'open' && <button type="button" disabled={act.pending} onClick={() => act.run('pause')}>Pause</button>}
                {c.status === 'paused' && <button type="button" disabled={act.pending} onClick={() => act.run('resume')}>Resume</button>}
              </div>
              <label className="field"><span>Outcome</span><input value={outcome} onChange={(e) => setOutcome(e.target.value)} /></label>
              <button type="button" disabled={act.pending || !outcome.trim()} onClick={() => act.run('respond')}>Record response</button>
              {act.error && <p role="alert">{act.error}</p>}
            </form>
          )}
          <h2>History</h2>
          <ol className="timeline" data-testid="case-timeline">
            {(tl.data?.data ?? []).map((e, i) => (
              <li key={i}><time dateTime={e.at}>{when(e.at)}</time> — {e.name.replace(/^compliance\./, '').replace(/_/g, ' ')} ({e.actor_type ?? 'system'})
                {typeof e.payload.reason === 'string' ? `: ${e.payload.reason}` : ''}</li>
            ))}
          </ol>
        </>
      )}
    </CompliancePage>
  );
}
