import { Link, useSearchParams } from 'react-router';
import { PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { duration, useDrill } from './api.js';
import { FactsTable, type FactsColumn } from './facts-table.js';
import { ReportsNav } from './reports-nav.js';

const LABELS: Record<string, string> = {
  created: 'Created', first_replies: 'First-replied', first_reply_over_1h: 'First reply over 1 hour', solved: 'Solved', reopened: 'Reopened',
  csat_good: 'Satisfied ratings', csat_bad: 'Unsatisfied ratings', sla_breached: 'SLA breached', escalated: 'Escalated',
  sop_completed: 'SOP completed', sop_handed_off: 'SOP handed off', assistant_handoffs: 'Assistant hand-offs',
};

type TicketFact = Record<string, string | number | null>;

const COLUMNS: Array<FactsColumn<TicketFact>> = [
  { header: '#', cell: (t) => <Link to={`/tickets/${t.id}`}>#{t.number}</Link> },
  { header: 'Subject', cell: (t) => t.subject },
  { header: 'Status', cell: (t) => <StatusBadge status={String(t.status)} /> },
  { header: 'Priority', cell: (t) => <PriorityTag priority={String(t.priority)} /> },
  { header: 'Channel', cell: (t) => t.channel },
  { header: 'First reply', cell: (t) => duration(t.first_reply_sec as number | null) },
  { header: 'Resolution', cell: (t) => duration(t.resolution_sec as number | null) },
  { header: 'Reopens', cell: (t) => t.reopens },
  { header: 'CSAT', cell: (t) => t.csat_score ?? '—' },
];

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
  back.delete('after');
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="drill-title">
        <header className="pane-head">
          <h1 id="drill-title">{LABELS[params.metric] ?? params.metric}: tickets</h1>
          <span className="spacer" />
          <Link className="btn btn-small" to={`/reports?${back.toString()}`}>Back to overview</Link>
        </header>
        <p className="muted small">{params.from} – {params.to} ({params.tz ?? 'UTC'})</p>
        <FactsTable testId="drill-table" columns={COLUMNS} query={q} />
      </section>
    </div>
  );
}
