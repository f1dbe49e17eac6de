import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, errorText, qs } from '../../api-client/client.js';
import type { ZCase } from '../../../shared/contracts/compliance.js';
import { CompliancePage, when } from './nav.js';

export type Case = z.infer<typeof ZCase>;
const REGIMES = ['GDPR', 'UK_GDPR', 'PSD2', 'DSA', 'CCPA', 'LGPD', 'FCA', 'PDPA'];

/** Regulatory cases across tickets, soonest due first, filtered by status, regime and due soon / overdue. */
export function ComplianceCasesPage() {
  const [status, setStatus] = useState('open');
  const [regime, setRegime] = useState('');
  const [due, setDue] = useState('');
  const q = useQuery({
    queryKey: ['compliance', 'cases', 'all', status, regime, due],
    queryFn: ({ signal }) => api.get<{ data: Case[] }>(`/api/v1/compliance/cases${qs({ status: status || undefined, regime, due, limit: 200 })}`, signal),
    refetchInterval: 60_000,
  });
  const rows = q.data?.data ?? [];
  return (
    <CompliancePage title="Regulatory cases" id="compliance-cases-title">
      <form className="report-filters" aria-label="Case filters" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field"><span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {['open', 'paused', 'responded', 'closed'].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="inline-field"><span>Regime</span>
          <select value={regime} onChange={(e) => setRegime(e.target.value)}>
            <option value="">all</option>
            {REGIMES.map((r) => <option key={r} value={r}>{r.replace('_', ' ')}</option>)}
          </select>
        </label>
        <label className="inline-field"><span>Clock</span>
          <select value={due} onChange={(e) => setDue(e.target.value)}>
            <option value="">all</option><option value="soon">due soon</option><option value="overdue">overdue</option>
          </select>
        </label>
      </form>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      <table className="table">
        <thead><tr><th scope="col">Due</th><th scope="col">Clock</th><th scope="col">Case</th><th scope="col">Regime</th><th scope="col">Country</th><th scope="col">Status</th><th scope="col">Ticket</th></tr></thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-testid="compliance-case-row">
              <td><time dateTime={c.due_at}>{c.due_date ?? when(c.due_at)}</time></td>
              <td>{c.overdue ? <strong className="badge badge--danger">overdue</strong> : c.due_soon ? <span className="badge badge--warning">due soon</span> : 'on time'}</td>
              <td><Link to={`/compliance/cases/${c.id}`}>{c.rule_label}</Link></td>
              <td>{c.regime.toUpperCase()}</td>
              <td>{c.country}</td>
              <td>{c.status}</td>
              <td>{c.ticket_id ? <Link to={`/tickets/${c.ticket_id}`}>Open ticket</Link> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.data && rows.length === 0 && <p>No cases match these filters.</p>}
    </CompliancePage>
  );
}
