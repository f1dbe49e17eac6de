import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../api-client/client.js';
import { useBrands, useTeams, useUsers } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { duration, pct, useBacklog, useBreakdown, useDashboard, type Filters, type Kpis } from './api.js';
import { LineChart } from './chart.js';
import { FiltersBar, useFilters } from './filters-bar.js';
import { ReportsNav } from './reports-nav.js';

function drill(f: Filters, metric: string, extra: Record<string, string> = {}) {
  return `/reports/tickets${qs({ ...f, metric, ...extra })}`;
}

function Tile({ label, value, hint, to }: { label: string; value: string; hint?: string; to?: string }) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {hint && <span className="kpi-hint">{hint}</span>}
    </>
  );
  return <li className="kpi">{to ? <Link to={to} title={`Tickets behind "${label}"`}>{body}</Link> : body}</li>;
}

export function DashboardPage() {
  const [f, set] = useFilters();
  const d = useDashboard(f);
  const k: Kpis | undefined = d.data?.kpis;
  const [by, setBy] = useState('channel');
  const breakdown = useBreakdown(f, by);
  const backlog = useBacklog(f);
  const users = useUsers().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const brands = useBrands().data?.data ?? [];
  const nameOf = (dim: string, key: string) =>
    key === '' ? '(none)' : dim === 'team_id' ? teams.find((t) => t.id === key)?.name ?? key : dim === 'assignee_id' ? users.find((u) => u.id === key)?.name ?? key : dim === 'brand_id' ? brands.find((b) => b.id === key)?.name ?? key : key;
  const chart = useMemo(() => {
    const s = d.data?.series ?? [];
    return {
      labels: s.map((x) => x.bucket),
      volume: [
        { label: 'Created', values: s.map((x) => x.created), color: '#1f6feb' },
        { label: 'Solved', values: s.map((x) => x.solved), color: '#1b7f3b' },
      ],
      quality: [
        { label: 'First reply ≤ 1 h (%)', values: s.map((x) => x.first_reply_within_1h_pct), color: '#8250df' },
        { label: 'CSAT satisfied (%)', values: s.map((x) => x.csat_satisfied_pct), color: '#bf8700' },
      ],
    };
  }, [d.data]);
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="reports-title">
        <header className="pane-head"><h1 id="reports-title">Overview</h1></header>
        <FiltersBar f={f} set={set} />
        <ErrorBox error={d.error} onRetry={() => void d.refetch()} />
        {d.isPending ? <Loading /> : k && (
          <>
            <ul className="kpis" aria-label="Key figures">
              <Tile label="Created" value={String(k.created)} to={drill(f, 'created')} />
              <Tile label="Solved" value={String(k.solved)} to={drill(f, 'solved')} />
              <Tile label="Avg first reply" value={duration(k.avg_first_reply_sec)} hint={`${pct(k.first_reply_within_1h_pct)} within 1 h`} to={drill(f, 'first_reply_over_1h')} />
              <Tile label="Avg resolution" value={duration(k.avg_resolution_sec)} hint={`work time ${duration(k.avg_work_sec)}`} to={drill(f, 'solved')} />
              <Tile label="Reopened" value={pct(k.reopen_pct)} hint={`one-touch ${pct(k.one_touch_pct)}`} to={drill(f, 'reopened')} />
              <Tile label="SLA attainment" value={pct(k.sla_attainment_pct)} hint={`${k.sla_breaches} breaches`} to={drill(f, 'sla_breached')} />
              <Tile label="CSAT" value={pct(k.csat_satisfied_pct)} hint={`${k.csat_responses} answers · avg ${k.csat_avg_score ?? '—'}`} to={drill(f, 'csat_bad')} />
              <Tile label="Escalated" value={pct(k.escalation_pct)} to={drill(f, 'escalated')} />
            </ul>
            <div className="charts">
              <LineChart title="Volume" labels={chart.labels} series={chart.volume} />
              <LineChart title="Quality" labels={chart.labels} series={chart.quality} />
            </div>
          </>
        )}
        <section aria-labelledby="breakdown-title">
          <header className="section-head">
            <h2 id="breakdown-title">Breakdown (tickets created in the range)</h2>
            <label className="inline-field"><span>By</span>
              <select value={by} onChange={(e) => setBy(e.target.value)}>
                {[['channel', 'Channel'], ['team_id', 'Team'], ['assignee_id', 'Agent'], ['brand_id', 'Brand'], ['country', 'Country'], ['language', 'Language'], ['priority', 'Priority'], ['intent', 'Intent'], ['sop_version_id', 'SOP version']].map(([v, l]) => <option key={v} value={v}>{l}</option>)}
              </select>
            </label>
            <a className="btn btn-small" href={`/api/v1/analytics/table.csv${qs({ ...f, by })}`} download>Export CSV</a>
            <a className="btn btn-small" href={`/api/v1/analytics/facts.csv${qs({ ...f })}`} download>Raw ticket facts (CSV)</a>
          </header>
          <ErrorBox error={breakdown.error} />
          <table className="admin-table report-table">
            <thead><tr>{['', 'Created', 'Solved', 'Median first reply', 'p90 first reply', 'Median resolution', 'Reopened', 'CSAT', 'SLA breaches'].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>
              {(breakdown.data?.data ?? []).map((r) => {
                const key = String(r.key);
                const filter: Record<string, string> = ['assignee_id', 'sop_version_id'].includes(by) && key ? { [by]: key } : by === 'intent' ? { intent: key } : ['channel', 'team_id', 'brand_id'].includes(by) ? { [by]: key || 'none' } : {};
                return (
                  <tr key={key}>
                    <th scope="row">{nameOf(by, key)}</th>
                    <td>{Object.keys(filter).length ? <Link to={drill(f, 'created', filter)}>{r.created}</Link> : r.created}</td>
                    <td>{r.solved}</td>
                    <td>{duration(r.median_first_reply_sec as number | null)}</td>
                    <td>{duration(r.p90_first_reply_sec as number | null)}</td>
                    <td>{duration(r.median_resolution_sec as number | null)}</td>
                    <td>{r.reopened}</td>
                    <td>{pct(r.csat_satisfied_pct as number | null)}</td>
                    <td>{r.sla_breaches}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        {backlog.data && (
          <section aria-labelledby="backlog-title">
            <h2 id="backlog-title">Backlog now: {backlog.data.total} open</h2>
            <table className="admin-table report-table">
              <thead><tr><th scope="col">Status</th>{backlog.data.ages.map((a) => <th key={a} scope="col">{a}</th>)}</tr></thead>
              <tbody>{backlog.data.by_status.map((s) => <tr key={s.status}><th scope="row">{s.status}</th>{s.counts.map((c, i) => <td key={i}>{c}</td>)}</tr>)}</tbody>
            </table>
          </section>
        )}
      </section>
    </div>
  );
}
