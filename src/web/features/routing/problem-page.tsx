import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText } from '../../api-client/client.js';
import { ErrorBox, Loading, StatusBadge } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { useSession } from '../auth/session.js';
import { api, rkeys, useProblem, useTrackers, type ProblemDetail } from './routing-api.js';

/** One problem: its linked tickets, updates to all customers, solve-all, external tracker links. */
export function ProblemPage() {
  const { id = '' } = useParams();
  const p = useProblem(id);
  const { can } = useSession();
  if (p.isPending) return <section className="main-pane"><Loading /></section>;
  if (p.error) return <section className="main-pane"><ErrorBox error={p.error} /></section>;
  const prob = p.data;
  const open = prob.tickets.filter((t) => !['solved', 'closed'].includes(t.status)).length;
  return (
    <section className="main-pane" aria-labelledby="problem-title">
      <header className="pane-head">
        <h1 id="problem-title">{prob.title}</h1>
        <span className="badge">{prob.status}</span>
        <span className="spacer" />
        <Link to="/problems">All problems</Link>
      </header>
      {prob.description && <p>{prob.description}</p>}
      <h2 className="section-title">Linked tickets ({prob.tickets.length}, {open} open)</h2>
      <ul className="mini-list">
        {prob.tickets.map((t) => (
          <li key={t.id}>
            <StatusBadge status={t.status} /> <Link to={`/tickets/${t.id}`}>#{t.number} {t.subject}</Link> <span className="muted small">linked {shortTime(t.linked_at)}</span>
          </li>
        ))}
      </ul>
      {prob.status === 'open' && can('tickets.reply_public') && (
        <>
          <FanOut problem={prob} kind="update" openCount={open} />
          <FanOut problem={prob} kind="solve" openCount={open} />
        </>
      )}
      <Trackers problem={prob} />
    </section>
  );
}

function FanOut({ problem, kind, openCount }: { problem: ProblemDetail; kind: 'update' | 'solve'; openCount: number }) {
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => api.post<{ ticket_ids: string[]; skipped: number }>(`/api/v1/problems/${problem.id}/${kind === 'update' ? 'updates' : 'solve'}`, { body }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['routing'] });
    },
  });
  const label = kind === 'update' ? `Send update to ${openCount} customer${openCount === 1 ? '' : 's'}` : `Solve problem and ${openCount} ticket${openCount === 1 ? '' : 's'}`;
  return (
    <form className="form fan-out" onSubmit={(e) => { e.preventDefault(); if (kind === 'update' || confirm(`Solve ${openCount} tickets with this message?`)) send.mutate(); }}>
      <h2 className="section-title">{kind === 'update' ? 'Update all customers' : 'Solve all'}</h2>
      <label className="field">
        <span>{kind === 'update' ? 'Public reply posted on every open linked ticket' : 'Final public reply; every open linked ticket is solved with it'}</span>
        <textarea required rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <button type="submit" className={kind === 'solve' ? 'btn btn-primary' : 'btn'} disabled={send.isPending || !body.trim()}>{label}</button>
      {send.data && <p className="alert alert-success">Sent to {send.data.ticket_ids.length} ticket(s){send.data.skipped ? `, ${send.data.skipped} skipped (solved, closed or outside your brands)` : ''}.</p>}
      {send.error ? <p className="alert alert-error" role="alert">{errorText(send.error)}</p> : null}
    </form>
  );
}

function Trackers({ problem }: { problem: ProblemDetail }) {
  const integrations = useTrackers().data?.data ?? [];
  const qc = useQueryClient();
  const [draft, setDraft] = useState({ integration_id: '', external_key: '', url: '' });
  const add = useMutation({
    mutationFn: () => api.post(`/api/v1/problems/${problem.id}/trackers`, draft),
    onSuccess: () => {
      setDraft({ integration_id: '', external_key: '', url: '' });
      void qc.invalidateQueries({ queryKey: rkeys.problem(problem.id) });
    },
  });
  return (
    <>
      <h2 className="section-title">External trackers</h2>
      <ul className="mini-list">
        {problem.trackers.map((l) => (
          <li key={l.id}>
            <a href={l.url} target="_blank" rel="noreferrer noopener">{l.integration_name} {l.external_key}</a> <span className="badge">{l.status}</span>{' '}
            <span className="muted small">updated {shortTime(l.updated_at)}</span>
          </li>
        ))}
      </ul>
      {integrations.length > 0 && (
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <select required aria-label="Tracker" value={draft.integration_id} onChange={(e) => setDraft({ ...draft, integration_id: e.target.value })}>
            <option value="">Tracker…</option>
            {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
          <input required aria-label="Issue key" placeholder="ENG-42" value={draft.external_key} onChange={(e) => setDraft({ ...draft, external_key: e.target.value })} />
          <input required aria-label="Issue URL" type="url" placeholder="https://…" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} />
          <button type="submit" className="btn btn-small" disabled={add.isPending}>Link issue</button>
          {add.error ? <p className="alert alert-error" role="alert">{errorText(add.error)}</p> : null}
        </form>
      )}
    </>
  );
}
