import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { qs } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { duration, pct, useConversationDrill, useSelfService, type Filters } from './api.js';
import { LineChart } from './chart.js';
import { FactsTable, type FactsColumn } from './facts-table.js';
import { FiltersBar, useFilters } from './filters-bar.js';
import { ReportsNav } from './reports-nav.js';

const convs = (f: Filters, outcome: string, extra: Record<string, string> = {}) => `/reports/conversations${qs({ ...f, outcome, ...extra })}`;

function Tile({ label, value, hint, to }: { label: string; value: string; hint?: string; to: string }) {
  return (
    <li className="kpi"><Link to={to} title={`Behind "${label}"`}>
      <span className="kpi-label">{label}</span><span className="kpi-value">{value}</span>{hint && <span className="kpi-hint">{hint}</span>}
    </Link></li>
  );
}

/** Self-service: assistant conversations, containment and hand-offs, and what became of the hand-off tickets. */
export function SelfServicePage() {
  const [f, set] = useFilters();
  const q = useSelfService(f);
  const d = q.data;
  const chart = useMemo(() => ({
    labels: (d?.series ?? []).map((x) => `${x.day}T00:00`),
    series: [
      { label: 'Contained', values: (d?.series ?? []).map((x) => x.contained), color: '#1b7f3b' },
      { label: 'Handed off', values: (d?.series ?? []).map((x) => x.handed_off), color: '#cf222e' },
    ],
  }), [d]);
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="ss-title">
        <header className="pane-head">
          <h1 id="ss-title">Self-service</h1>
          <span className="spacer" />
          <a className="btn btn-small" href={`/api/v1/analytics/table.csv${qs({ ...f, by: 'self_service_intents' })}`} download>Export CSV</a>
        </header>
        <FiltersBar f={f} set={set} />
        <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
        {q.isPending ? <Loading /> : d && (
          <>
            <ul className="kpis" aria-label="Self-service figures">
              <Tile label="Conversations" value={String(d.kpis.conversations)} to={convs(f, 'all')} />
              <Tile label="Containment" value={pct(d.kpis.containment_pct)} hint={`${d.kpis.contained} without a person`} to={convs(f, 'contained')} />
              <Tile label="Handed off" value={String(d.kpis.handed_off)} to={convs(f, 'handed_off')} />
              <Tile label="Confirmed solved" value={pct(d.kpis.confirmed_pct)} hint={`avg rating ${d.kpis.avg_rating ?? '—'}`} to={convs(f, 'confirmed')} />
              <Tile label="Hand-off tickets" value={String(d.handoff_tickets.tickets)} hint={`first reply ${duration(d.handoff_tickets.avg_first_reply_sec)} · CSAT ${pct(d.handoff_tickets.csat_satisfied_pct)}`} to={`/reports/tickets${qs({ ...f, metric: 'assistant_handoffs' })}`} />
            </ul>
            <div className="charts"><LineChart title="Conversations per day" labels={chart.labels} series={chart.series} /></div>
            <div className="charts">
              <table className="admin-table report-table" data-testid="self-service-intents">
                <caption>By intent</caption>
                <thead><tr>{['Intent', 'Conversations', 'Contained', 'Handed off', 'Containment'].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
                <tbody>{d.by_intent.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.key || '(unknown)'}</th>
                    <td><Link to={convs(f, 'all', { intent: r.key })}>{r.conversations}</Link></td>
                    <td><Link to={convs(f, 'contained', { intent: r.key })}>{r.contained}</Link></td>
                    <td><Link to={convs(f, 'handed_off', { intent: r.key })}>{r.handed_off}</Link></td>
                    <td>{pct(r.containment_pct)}</td>
                  </tr>
                ))}</tbody>
              </table>
              <table className="admin-table report-table">
                <caption>Hand-off reasons</caption>
                <thead><tr><th scope="col">Reason</th><th scope="col">Conversations</th></tr></thead>
                <tbody>{d.handoff_reasons.map((r) => <tr key={r.reason}><th scope="row">{r.reason}</th><td>{r.conversations}</td></tr>)}</tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

type ConversationFact = Record<string, string | number | boolean | null>;

const CONVERSATION_COLUMNS: Array<FactsColumn<ConversationFact>> = [
  { header: 'Started', cell: (c) => new Date(String(c.started_at)).toLocaleString() },
  { header: 'Channel', cell: (c) => c.channel },
  { header: 'Intent', cell: (c) => c.intent ?? '—' },
  { header: 'Confirmed', cell: (c) => (c.confirmed ? 'yes' : 'no') },
  { header: 'Rating', cell: (c) => c.rating ?? '—' },
  { header: 'Hand-off', cell: (c) => c.handoff_reason ?? '—' },
  { header: 'Ticket', cell: (c) => (c.ticket_id ? <Link to={`/tickets/${c.ticket_id}`}>#{c.ticket_number}</Link> : '—') },
];

/** The conversations behind a self-service number; hand-offs link to their ticket. */
export function ConversationDrillPage() {
  const [sp] = useSearchParams();
  const params = Object.fromEntries(sp.entries());
  const q = useConversationDrill(params);
  const back = new URLSearchParams(sp);
  back.delete('outcome');
  back.delete('intent');
  back.delete('after');
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="cd-title">
        <header className="pane-head">
          <h1 id="cd-title">Conversations: {params.outcome}{params.intent !== undefined ? ` · ${params.intent || '(unknown intent)'}` : ''}</h1>
          <span className="spacer" />
          <Link className="btn btn-small" to={`/reports/self-service?${back.toString()}`}>Back to self-service</Link>
        </header>
        <FactsTable testId="conversation-table" columns={CONVERSATION_COLUMNS} query={q} />
      </section>
    </div>
  );
}
