import { Link } from 'react-router';
import { qs } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { duration, pct, useSopVersions, type Filters } from './api.js';
import { FiltersBar, useFilters } from './filters-bar.js';
import { ReportsNav } from './reports-nav.js';

const drill = (f: Filters, metric: string, versionId: string) => `/reports/tickets${qs({ ...f, metric, sop_version_id: versionId })}`;

/** SOP versions side by side: volume, how runs ended, resolution, reopens, CSAT, SLA — each count drills to its tickets. */
export function SopVersionsPage() {
  const [f, set] = useFilters();
  const q = useSopVersions(f);
  const rows = q.data?.data ?? [];
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="sopv-title">
        <header className="pane-head">
          <h1 id="sopv-title">SOP versions</h1>
          <span className="spacer" />
          <a className="btn btn-small" href={`/api/v1/analytics/table.csv${qs({ ...f, by: 'sop_versions' })}`} download>Export CSV</a>
        </header>
        <FiltersBar f={f} set={set} />
        <p className="muted small">Tickets created in the range on which an SOP ran, by the version that ran first.</p>
        <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
        {q.isPending ? <Loading /> : rows.length === 0 ? <p className="empty">No SOP ran on tickets created in this range.</p> : (
          <table className="admin-table report-table" data-testid="sop-versions-table">
            <thead><tr>{['SOP', 'Version', 'Tickets', 'Completed', 'Handed off', 'Solved', 'Avg resolution', 'Avg work time', 'Reopened', 'CSAT', 'SLA attainment'].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.sop_version_id}>
                  <th scope="row">{r.sop_name ?? r.sop_id ?? '—'}</th>
                  <td>v{r.version ?? '?'} <span className="muted small">{r.version_status}</span></td>
                  <td><Link to={drill(f, 'created', r.sop_version_id)}>{r.tickets}</Link></td>
                  <td><Link to={drill(f, 'sop_completed', r.sop_version_id)}>{r.completed}</Link> <span className="muted small">{pct(r.completion_pct)}</span></td>
                  <td><Link to={drill(f, 'sop_handed_off', r.sop_version_id)}>{r.handed_off}</Link></td>
                  <td><Link to={drill(f, 'solved', r.sop_version_id)}>{r.solved}</Link></td>
                  <td>{duration(r.avg_resolution_sec)}</td>
                  <td>{duration(r.avg_work_sec)}</td>
                  <td><Link to={drill(f, 'reopened', r.sop_version_id)}>{r.reopened}</Link> <span className="muted small">{pct(r.reopen_pct)}</span></td>
                  <td>{pct(r.csat_satisfied_pct)} <span className="muted small">{r.csat_responses} answers</span></td>
                  <td>{pct(r.sla_attainment_pct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
