import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText, qs } from '../../api-client/client.js';
import { CompliancePage, when } from './nav.js';

interface Complaint {
  id: string; case_id: string | null; ticket_id: string | null; kind: string; category: string; product: string; amount_minor: number | null; currency: string | null;
  received_at: string; status: string; outcome: string | null; root_cause: string | null; late_claim: boolean; refund_id: string | null; withheld_at: string | null;
  liability: { rule: string; payer_liability_minor: number; refund_minor: number } | null;
}
interface QuarterRow { category: string; product: string; received: number; closed: number; upheld: number; partially_upheld: number; rejected: number; withdrawn: number; open_at_end: number }

const money = (minor: number | null, cur: string | null) => (minor == null ? '—' : `${(minor / 100).toFixed(2)} ${cur ?? ''}`.trim());

/** PSD2 complaints register and the quarterly report by category (JSON view + CSV download). */
export function PaymentComplaintsPage() {
  const now = new Date();
  const [year, setYear] = useState(now.getUTCFullYear());
  const [quarter, setQuarter] = useState(Math.floor(now.getUTCMonth() / 3) + 1);
  const [status, setStatus] = useState('');
  const reg = useQuery({ queryKey: ['compliance', 'payments', status], queryFn: ({ signal }) => api.get<{ data: Complaint[] }>(`/api/v1/compliance/payment-complaints${qs({ status: status || undefined })}`, signal) });
  const rep = useQuery({ queryKey: ['compliance', 'payments', 'q', year, quarter], queryFn: ({ signal }) => api.get<{ from: string; to: string; rows: QuarterRow[] }>(`/api/v1/compliance/payment-complaints/quarterly${qs({ year, quarter })}`, signal) });
  return (
    <CompliancePage title="PSD2 complaints register" id="payments-title">
      <form className="report-filters" aria-label="Register filters" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field"><span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}><option value="">any</option><option value="open">open</option><option value="closed">closed</option></select>
        </label>
      </form>
      {reg.isError && <p role="alert">{errorText(reg.error)}</p>}
      <table className="table">
        <thead><tr><th scope="col">Received</th><th scope="col">Kind</th><th scope="col">Category / product</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Outcome</th><th scope="col">Refund</th><th scope="col">Case</th></tr></thead>
        <tbody>
          {(reg.data?.data ?? []).map((c) => (
            <tr key={c.id} data-testid="complaint-row">
              <td>{when(c.received_at)}{c.late_claim ? ' (late claim)' : ''}</td>
              <td>{c.kind.replace(/_/g, ' ')}</td>
              <td>{c.category} / {c.product}</td>
              <td>{money(c.amount_minor, c.currency)}</td>
              <td>{c.status}</td>
              <td>{c.outcome ?? '—'}{c.root_cause ? ` — ${c.root_cause}` : ''}{c.liability ? ` (payer ${money(c.liability.payer_liability_minor, c.currency)}, ${c.liability.rule})` : ''}</td>
              <td>{c.refund_id ?? (c.withheld_at ? 'withheld (NCA report)' : '—')}</td>
              <td>{c.case_id ? <Link to={`/compliance/cases/${c.case_id}`}>clock</Link> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Quarterly report by category</h2>
      <form className="report-filters" aria-label="Quarter" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field"><span>Year</span><input type="number" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} /></label>
        <label className="inline-field"><span>Quarter</span>
          <select value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>{[1, 2, 3, 4].map((n) => <option key={n} value={n}>Q{n}</option>)}</select>
        </label>
        <a href={`/api/v1/compliance/payment-complaints/quarterly${qs({ year, quarter, format: 'csv' })}`}>Download CSV</a>
      </form>
      {rep.isError && <p role="alert">{errorText(rep.error)}</p>}
      <table className="table" aria-label="Quarterly report">
        <thead><tr>{['Category', 'Product', 'Received', 'Closed', 'Upheld', 'Partly', 'Rejected', 'Withdrawn', 'Open at end'].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {(rep.data?.rows ?? []).map((r) => (
            <tr key={`${r.category}:${r.product}`}><td>{r.category}</td><td>{r.product}</td><td>{r.received}</td><td>{r.closed}</td><td>{r.upheld}</td><td>{r.partially_upheld}</td><td>{r.rejected}</td><td>{r.withdrawn}</td><td>{r.open_at_end}</td></tr>
          ))}
        </tbody>
      </table>
    </CompliancePage>
  );
}
