import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { api, errorText } from '../../api-client/client.js';
import type { ZCase } from '../../../shared/contracts/compliance.js';
import type { TicketPanelProps } from '../../routes/web-module.js';

type Case = z.infer<typeof ZCase>;

const TYPES = [
  'gdpr_access', 'gdpr_rectification', 'gdpr_erasure', 'gdpr_restriction', 'gdpr_portability', 'gdpr_objection', 'psd2_complaint',
  'unauthorised_payment', 'dsa_appeal', 'ccpa_request', 'lgpd_request', 'fca_complaint', 'uk_gdpr_request',
] as const;

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function CaseRow({ c, onChanged, readOnly }: { c: Case; onChanged(): void; readOnly: boolean }) {
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (path: string) => api.post(`/api/v1/compliance/cases/${c.id}/${path}`, path === 'respond' ? { outcome: reason || 'answered', late_reason: c.overdue ? reason : undefined } : { reason }),
    onSuccess: () => { setReason(''); setErr(null); onChanged(); },
    onError: (e) => setErr(errorText(e)),
  });
  const tone = c.overdue ? 'danger' : c.due_soon ? 'warning' : 'ok';
  return (
    <li className={`reg-clock reg-clock--${tone}`} data-testid="regulatory-clock">
      <strong>{c.rule_label}</strong>
      <div>Due <time dateTime={c.due_at}>{when(c.due_at)}</time> ({c.country}){c.overdue ? ' — overdue' : c.due_soon ? ' — due soon' : ''}</div>
      {c.clocks.length > 1 && <div>{c.clocks.map((k) => `${k.name}: ${k.due_date ?? when(k.due_at)}`).join(' · ')}</div>}
      {c.extension_reason && <div>Extended: {c.extension_reason}</div>}
      {c.holding_reason && <div>Holding reply: {c.holding_reason}</div>}
      <div>Status: {c.status}</div>
      {!readOnly && (c.status === 'open' || c.status === 'paused') && (
        <div className="reg-clock__actions">
          <label>Reason / outcome <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason or outcome" /></label>
          {c.extension_allowed && <button type="button" onClick={() => act.mutate('extend')}>Extend</button>}
          {c.holding_reply_allowed && <button type="button" onClick={() => act.mutate('holding-reply')}>Holding reply</button>}
          {c.pause_allowed && c.status === 'open' && <button type="button" onClick={() => act.mutate('pause')}>Pause</button>}
          {c.status === 'paused' && <button type="button" onClick={() => act.mutate('resume')}>Resume</button>}
          <button type="button" onClick={() => act.mutate('respond')}>Mark answered</button>
        </div>
      )}
      {err && <p role="alert">{err}</p>}
    </li>
  );
}

/** Ticket side panel: the regulatory clocks of this ticket, with extension / holding reply / pause / answer. */
export function RegulatoryPanel({ ticketId, readOnly }: TicketPanelProps) {
  const qc = useQueryClient();
  const key = ['compliance', 'cases', ticketId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<{ data: Case[] }>(`/api/v1/compliance/cases?ticket_id=${encodeURIComponent(ticketId)}`) });
  const [type, setType] = useState<string>('gdpr_access');
  const [err, setErr] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: () => api.post('/api/v1/compliance/cases', { type, ticket_id: ticketId }),
    onSuccess: () => { setErr(null); void qc.invalidateQueries({ queryKey: key }); },
    onError: (e) => setErr(errorText(e)),
  });
  const cases = q.data?.data ?? [];
  return (
    <section aria-labelledby="reg-clocks-h" className="side-panel">
      <h3 id="reg-clocks-h">Regulatory clocks</h3>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      {cases.length === 0 && !q.isLoading && <p>No regulatory case on this ticket.</p>}
      <ul>{cases.map((c) => <CaseRow key={c.id} c={c} readOnly={readOnly} onChanged={() => void qc.invalidateQueries({ queryKey: key })} />)}</ul>
      {!readOnly && (
        <div>
          <label>Case type{' '}
            <select value={type} onChange={(e) => setType(e.target.value)}>{TYPES.map((t) => <option key={t} value={t}>{t.replace(/_/g, ' ')}</option>)}</select>
          </label>
          <button type="button" onClick={() => open.mutate()} disabled={open.isPending}>Start clock</button>
          {err && <p role="alert">{err}</p>}
        </div>
      )}
    </section>
  );
}
