import { Link, useSearchParams } from 'react-router';
import { ErrorBox, Loading, PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { duration, useDrill } from './api.js';
import { ReportsNav } from './reports-nav.js';

const LABELS: Record<string, string> = {
  created: 'Created', first_replies: 'First-replied', first_reply_over_1h: 'First reply over 1 hour', solved: 'Solved', reopened: 'Reopened',
  csat_good: 'Satisfied ratings', csat_bad: 'Unsatisfied ratings', sla_breached: 'SLA breached', escalated: 'Escalated',
  sop_completed: 'SOP completed', sop_handed_off: 'SOP handed off', assistant_handoffs: 'Assistant hand-offs',
};

/** The tickets behind a dashboard number (same filters, same definition). */
export function DrillPage() {
  const [sp] = useSearchParams();
  const params = Object.fromEntries(sp.entries());
  const q = useDrill(params);
  const back = new URLSearchParams(sp);
  back.delete('metric');
  back.delete('assignee_id');
  back.delete('sop_version_id');
  back.delete('intent');
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="drill-title">
        <header className="pane-head">
          <h1 id="drill-title">{LABELS[params.metric] ?? params.metric}: tickets</h1>
          <span className="spacer" />
          <Link className="btn btn-small" to={`/reports?${back.toString()}`}>Back to overview</Link>
        </header>
        <p className="muted small">{params.from} – {params.to} ({params.tz ?? 'UTC'}){q.data?.next_after ? ' · first 100 shown' : ''}</p>
        <ErrorBox error={q.error} />
        {q.isPending ? <Loading /> : (
          <table className="admin-table report-table" data-testid="drill-table">
            <thead><tr>{['#', 'Subject', 'Status', 'Priority', 'Channel', 'First reply', 'Resolution', 'Reopens', 'CSAT'].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>
              {(q.data?.data ?? []).map((t) => (
                <tr key={String(t.id)}>
                  <td><Link to={`/tickets/${t.id}`}>#{t.number}</Link></td>
                  <td>{t.subject}</td>
                  <td><StatusBadge status={String(t.status)} /></td>
                  <td><PriorityTag priority={String(t.priority)} /></td>
                  <td>{t.channel}</td>
                  <td>{duration(t.first_reply_sec as number | null)}</td>
                  <td>{duration(t.resolution_sec as number | null)}</td>
                  <td>{t.reopens}</td>
                  <td>{t.csat_score ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
