import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, errorText, qs } from '../../api-client/client.js';
import type { ZCase } from '../../../shared/contracts/compliance.js';

type Case = z.infer<typeof ZCase>;

/** Regulatory cases across tickets, soonest due first: the "what is about to breach a legal deadline" view. */
export function ComplianceCasesPage() {
  const [status, setStatus] = useState('open');
  const q = useQuery({
    queryKey: ['compliance', 'cases', 'all', status],
    queryFn: () => api.get<{ data: Case[] }>(`/api/v1/compliance/cases${qs({ status, limit: 200 })}`),
    refetchInterval: 60_000,
  });
  const year = new Date().getUTCFullYear();
  const quarter = Math.floor(new Date().getUTCMonth() / 3) + 1;
  return (
    <main className="page">
      <h1>Regulatory cases</h1>
      <p>
        <label>Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {['open', 'paused', 'responded', 'closed'].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>{' '}
        <a href={`/api/v1/compliance/payment-complaints/quarterly?year=${year}&quarter=${quarter}&format=csv`}>PSD2 complaints, this quarter (CSV)</a>
      </p>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      <table className="table">
        <thead><tr><th scope="col">Due</th><th scope="col">Case</th><th scope="col">Regime</th><th scope="col">Country</th><th scope="col">Ticket</th><th scope="col">Notes</th></tr></thead>
        <tbody>
          {(q.data?.data ?? []).map((c) => (
            <tr key={c.id} data-testid="compliance-case-row">
              <td><time dateTime={c.due_at}>{new Date(c.due_at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                {c.overdue ? ' — overdue' : c.due_soon ? ' — due soon' : ''}</td>
              <td>{c.type.replace(/_/g, ' ')}</td>
              <td>{c.regime}</td>
              <td>{c.country}</td>
              <td>{c.ticket_id ? <Link to={`/tickets/${c.ticket_id}`}>Open ticket</Link> : '—'}</td>
              <td>{[c.extension_reason && `extended: ${c.extension_reason}`, c.holding_reason && `holding: ${c.holding_reason}`, c.outcome].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.data && q.data.data.length === 0 && <p>No {status} cases.</p>}
    </main>
  );
}
