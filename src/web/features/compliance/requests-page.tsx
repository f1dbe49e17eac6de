import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText, qs } from '../../api-client/client.js';
import { CompliancePage, useAction, when } from './nav.js';

interface Report {
  erasure_id: string; erased_at: string; backups: string;
  stores: Array<{ store: string; action: string; rows: number }>;
  kept: Array<{ store: string; id: string; reason_code: string; note: string }>;
}
interface Dsr {
  id: string; case_id: string; kind: string; customer_id: string | null; customer_name: string | null; channel: string;
  verification_status: string; status: string; created_at: string; due_at: string | null; erasure_report: Report | null;
}

/** What was erased (per store) and what was kept, with the Art. 17(3) reason. */
export function ErasureReportView({ report }: { report: Report }) {
  return (
    <section aria-label="Erasure report" data-testid="erasure-report">
      <h3>Erasure report — {when(report.erased_at)}</h3>
      <table className="table">
        <thead><tr><th scope="col">Store</th><th scope="col">Action</th><th scope="col">Rows</th></tr></thead>
        <tbody>{report.stores.map((s) => <tr key={s.store}><td>{s.store}</td><td>{s.action}</td><td>{s.rows}</td></tr>)}</tbody>
      </table>
      <h4>Kept (Art. 17(3))</h4>
      {report.kept.length === 0 ? <p>Nothing kept.</p> : (
        <ul>{report.kept.map((k) => <li key={`${k.store}:${k.id}`}>{k.store} {k.id}: <strong>{k.reason_code}</strong> — {k.note}</li>)}</ul>
      )}
      <p>{report.backups}</p>
    </section>
  );
}

/** GDPR data-subject requests: clock, verification, export (access/portability) and erasure with its report. */
export function GdprRequestsPage() {
  const [status, setStatus] = useState('open');
  const key = ['compliance', 'requests', status];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ data: Dsr[] }>(`/api/v1/compliance/requests${qs({ status: status || undefined })}`, signal) });
  const [links, setLinks] = useState<Record<string, string>>({});
  const [reports, setReports] = useState<Record<string, Report>>({});
  const exp = useAction((id: string) => api.post<{ download_url: string }>(`/api/v1/compliance/requests/${id}/export`).then((r) => ({ id, r })), [['compliance', 'requests']],
    ({ id, r }) => setLinks((l) => ({ ...l, [id]: r.download_url })));
  const erase = useAction((id: string) => api.post<Report>(`/api/v1/compliance/requests/${id}/erase`).then((r) => ({ id, r })), [['compliance', 'requests']],
    ({ id, r }) => setReports((m) => ({ ...m, [id]: r })));
  const rows = q.data?.data ?? [];
  return (
    <CompliancePage title="GDPR requests" id="gdpr-requests-title">
      <form className="report-filters" aria-label="Request filters" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field"><span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>{['open', 'completed', 'rejected'].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </form>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      {exp.error && <p role="alert">{exp.error}</p>}
      {erase.error && <p role="alert">{erase.error}</p>}
      <table className="table">
        <thead><tr><th scope="col">Received</th><th scope="col">Kind</th><th scope="col">Person</th><th scope="col">Verified</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="gdpr-request-row">
              <td>{when(r.created_at)} ({r.channel})</td>
              <td>{r.kind}</td>
              <td>{r.customer_name ?? r.customer_id ?? 'unknown'}</td>
              <td>{r.verification_status}</td>
              <td><Link to={`/compliance/cases/${r.case_id}`}>{when(r.due_at)}</Link></td>
              <td>{r.status}</td>
              <td>
                {r.status === 'open' && (r.kind === 'access' || r.kind === 'portability') && (
                  <button type="button" disabled={exp.pending || r.verification_status !== 'verified'} onClick={() => exp.run(r.id)}>Build export</button>
                )}
                {r.status === 'open' && r.kind === 'erasure' && (
                  <button type="button" disabled={erase.pending || r.verification_status !== 'verified'}
                    onClick={() => { if (window.confirm('Erase this person in every store? This cannot be undone.')) erase.run(r.id); }}>Erase</button>
                )}
                {links[r.id] && <a href={links[r.id]}>Download ZIP</a>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.data && rows.length === 0 && <p>No requests.</p>}
      {rows.filter((r) => reports[r.id] ?? r.erasure_report).map((r) => <ErasureReportView key={r.id} report={(reports[r.id] ?? r.erasure_report)!} />)}
    </CompliancePage>
  );
}
