import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { CompliancePage, useAction, when } from './nav.js';

interface Notice { id: string; url: string; category: string; reasons: string; received_at: string; receipt_sent_at: string | null; decision: string | null }
interface Statement { id: string; puid: string; content_ref: string; measure: string; ground_type: string; ground: string; automated_decision: boolean; notified_at: string; terms_version: number | null }
interface Appeal { id: string; statement_id: string; measure: string; appellant_type: string; reasons: string; received_at: string; reviewer_id: string | null; decision: string | null; decision_reasons: string | null; decided_at: string | null }
interface Measure { id: string; customer_id: string; kind: string; ground: string; reason: string; warning_id: string | null; starts_at: string; ends_at: string | null }

function AppealDecision({ a }: { a: Appeal }) {
  const [decision, setDecision] = useState('upheld');
  const [reasons, setReasons] = useState('');
  const [reply, setReply] = useState<string | null>(null);
  const act = useAction(() => api.post<{ reply: string }>(`/api/v1/compliance/dsa/appeals/${a.id}/decide`, { decision, reasons }), [['compliance', 'dsa']], (r) => setReply(r.reply));
  if (a.decided_at) return <span>{a.decision} by {a.reviewer_id} on {when(a.decided_at)}</span>;
  return (
    <form aria-label={`Decide appeal ${a.id}`} onSubmit={(e) => { e.preventDefault(); act.run(undefined); }}>
      <select value={decision} onChange={(e) => setDecision(e.target.value)} aria-label="Decision">
        <option value="upheld">uphold the decision</option><option value="reversed">reverse</option><option value="partially_reversed">partially reverse</option>
      </select>
      <input value={reasons} onChange={(e) => setReasons(e.target.value)} aria-label="Reasons for the decision" placeholder="Reasoned decision" />
      <button type="submit" disabled={act.pending || !reasons.trim()}>Record human review</button>
      {act.error && <p role="alert">{act.error}</p>}
      {reply && <pre>{reply}</pre>}
    </form>
  );
}

/** DSA: notices, statements of reasons, the appeal queue (human review required), warnings/suspensions, transparency figures. */
export function DsaPage() {
  const get = <T,>(path: string) => ({ queryKey: ['compliance', 'dsa', path], queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ data: T[] }>(`/api/v1/compliance/dsa/${path}`, signal) });
  const notices = useQuery(get<Notice>('notices'));
  const statements = useQuery(get<Statement>('statements'));
  const appeals = useQuery(get<Appeal>('appeals'));
  const measures = useQuery(get<Measure>('measures'));
  const year = new Date().getUTCFullYear();
  const figs = useQuery({
    queryKey: ['compliance', 'dsa', 'figures', year],
    queryFn: ({ signal }) => api.get<{ notices: number; statements: number; appeals: { received: number; decided: number; reversed: number; median_handling_hours: number | null }; misuse: { warnings: { total: number }; suspensions: { total: number } } }>(
      `/api/v1/compliance/dsa/transparency?from=${year}-01-01T00:00:00Z&to=${year + 1}-01-01T00:00:00Z`, signal),
  });
  const err = [notices, statements, appeals, measures, figs].find((q) => q.isError)?.error;
  return (
    <CompliancePage title="DSA notices, statements and appeals" id="dsa-title">
      {err && <p role="alert">{errorText(err)}</p>}
      {figs.data && (
        <p data-testid="dsa-figures">This year: {figs.data.notices} notices, {figs.data.statements} statements, {figs.data.appeals.received} appeals ({figs.data.appeals.decided} decided, {figs.data.appeals.reversed} reversed,
          median {figs.data.appeals.median_handling_hours?.toFixed(1) ?? '—'} h), {figs.data.misuse.warnings.total} warnings, {figs.data.misuse.suspensions.total} suspensions.</p>
      )}
      <h2>Appeals</h2>
      <table className="table">
        <thead><tr><th scope="col">Received</th><th scope="col">Measure</th><th scope="col">By</th><th scope="col">Reasons</th><th scope="col">Human review</th></tr></thead>
        <tbody>{(appeals.data?.data ?? []).map((a) => <tr key={a.id} data-testid="dsa-appeal-row"><td>{when(a.received_at)}</td><td>{a.measure}</td><td>{a.appellant_type}</td><td>{a.reasons}</td><td><AppealDecision a={a} /></td></tr>)}</tbody>
      </table>
      <h2>Statements of reasons</h2>
      <table className="table">
        <thead><tr><th scope="col">Notified</th><th scope="col">PUID</th><th scope="col">Measure</th><th scope="col">Ground</th><th scope="col">Automated</th><th scope="col">Appeal rules</th></tr></thead>
        <tbody>{(statements.data?.data ?? []).map((s) => <tr key={s.id}><td>{when(s.notified_at)}</td><td>{s.puid}</td><td>{s.measure}</td><td>{s.ground_type}: {s.ground}</td><td>{s.automated_decision ? 'yes' : 'no'}</td><td>{s.terms_version ? `v${s.terms_version}` : '—'}</td></tr>)}</tbody>
      </table>
      <p><a href={`/api/v1/compliance/dsa/statements/export?from=${year}-01-01T00:00:00Z&to=${year + 1}-01-01T00:00:00Z`}>Transparency Database export (no personal data)</a></p>
      <h2>Notices</h2>
      <table className="table">
        <thead><tr><th scope="col">Received</th><th scope="col">URL</th><th scope="col">Category</th><th scope="col">Receipt</th><th scope="col">Decision</th></tr></thead>
        <tbody>{(notices.data?.data ?? []).map((n) => <tr key={n.id}><td>{when(n.received_at)}</td><td>{n.url}</td><td>{n.category}</td><td>{when(n.receipt_sent_at)}</td><td>{n.decision ?? 'pending'}</td></tr>)}</tbody>
      </table>
      <h2>Warnings and suspensions (Art. 23)</h2>
      <table className="table">
        <thead><tr><th scope="col">From</th><th scope="col">Kind</th><th scope="col">Person</th><th scope="col">Ground</th><th scope="col">Until</th><th scope="col">Reason</th></tr></thead>
        <tbody>{(measures.data?.data ?? []).map((m) => <tr key={m.id}><td>{when(m.starts_at)}</td><td>{m.kind}{m.warning_id ? ` (after ${m.warning_id})` : ''}</td><td>{m.customer_id}</td><td>{m.ground}</td><td>{when(m.ends_at)}</td><td>{m.reason}</td></tr>)}</tbody>
      </table>
    </CompliancePage>
  );
}
