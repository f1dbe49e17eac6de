import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText, request } from '../../api-client/client.js';
import { CompliancePage, useAction } from './nav.js';

interface Policy { brand_id: string | null; category: string; days: number; enabled: boolean }
interface RunRow { category: string; brand_id: string | null; days: number; cutoff: string; due: number; purged: number }
const CATEGORIES = ['closed_tickets', 'chat_transcripts', 'attachments', 'audit_logs', 'pii_access_log'];

/** Retention schedules per category (and brand), with a dry-run report before enabling. */
export function RetentionPage() {
  const key = ['compliance', 'retention'];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ data: Policy[] }>('/api/v1/compliance/retention/policies', signal) });
  const [form, setForm] = useState<Policy>({ category: 'closed_tickets', days: 1095, enabled: false, brand_id: null });
  const [dry, setDry] = useState<RunRow[] | null>(null);
  const save = useAction((p: Policy) => request('PUT', '/api/v1/compliance/retention/policies', { body: p }), [key]);
  const dryRun = useAction(() => api.post<{ rows: RunRow[] }>('/api/v1/compliance/retention/dry-run'), [], (r) => setDry(r.rows));
  return (
    <CompliancePage title="Retention schedules" id="retention-title">
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      <table className="table">
        <thead><tr><th scope="col">Category</th><th scope="col">Brand</th><th scope="col">Keep (days)</th><th scope="col">Job</th></tr></thead>
        <tbody>
          {(q.data?.data ?? []).map((p) => (
            <tr key={`${p.category}:${p.brand_id ?? ''}`} data-testid="retention-row"><td>{p.category}</td><td>{p.brand_id ?? 'all brands'}</td><td>{p.days}</td><td>{p.enabled ? 'enabled' : 'dry run only'}</td></tr>
          ))}
        </tbody>
      </table>
      <form aria-label="Set a schedule" className="report-filters" onSubmit={(e) => { e.preventDefault(); save.run(form); }}>
        <label className="inline-field"><span>Category</span>
          <select value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>{CATEGORIES.map((c) => <option key={c}>{c}</option>)}</select>
        </label>
        <label className="inline-field"><span>Days</span><input type="number" min={1} value={form.days} onChange={(e) => setForm({ ...form, days: Number(e.target.value) })} /></label>
        <label className="inline-field"><span>Enabled</span><input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /></label>
        <button type="submit" disabled={save.pending}>Save schedule</button>
      </form>
      {save.error && <p role="alert">{save.error}</p>}
      <p><button type="button" onClick={() => dryRun.run(undefined)} disabled={dryRun.pending}>Dry run now</button>{' '}
        <a href="/api/v1/compliance/record-of-processing">Record of processing (Art. 30, JSON)</a></p>
      {dryRun.error && <p role="alert">{dryRun.error}</p>}
      {dry && (
        <table className="table" aria-label="Dry-run report" data-testid="retention-dry-run">
          <thead><tr><th scope="col">Category</th><th scope="col">Brand</th><th scope="col">Older than</th><th scope="col">Would purge</th></tr></thead>
          <tbody>{dry.map((r) => <tr key={`${r.category}:${r.brand_id ?? ''}`}><td>{r.category}</td><td>{r.brand_id ?? 'all brands'}</td><td>{r.cutoff.slice(0, 10)}</td><td>{r.due}</td></tr>)}</tbody>
        </table>
      )}
    </CompliancePage>
  );
}
