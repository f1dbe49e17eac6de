import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../api-client/client.js';
import { useBrands } from '../../api-client/queries.js';
import { bytes, fullTime, shortTime } from '../../ui/format.js';
import { Empty, ErrorBox, Loading } from '../../ui/feedback.js';
import { api, chkeys, request, useEmailSettings, useImportFailures, useTemplates, type EmailSettingsDto, type ImportFailureDto } from './api.js';

/** Admin → Email: per-brand addresses and relay, notification templates, and mail that failed to import. */
export function EmailAdmin() {
  return (
    <>
      <FailedImports />
      <BrandSettings />
      <Templates />
    </>
  );
}

function FailedImports() {
  const [status, setStatus] = useState('failed');
  const list = useImportFailures(status);
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'dismiss' }) => api.post(`/api/v1/channels/email/failures/${id}/${action}`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['channels', 'failures'] }),
  });
  return (
    <section className="panel" aria-labelledby="failed-title">
      <h2 id="failed-title" className="panel-title">Failed to import</h2>
      <p className="muted small">Mail that could not become a ticket is kept here as the original .eml with the reason. Fix the cause (e.g. add the address as an alias below), then retry.</p>
      <label>
        Show{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="failed">Failed</option>
          <option value="imported">Imported on retry</option>
          <option value="dismissed">Dismissed</option>
        </select>
      </label>
      {act.error && <p role="alert" className="error">{errorText(act.error)}</p>}
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} onRetry={() => list.refetch()} /> : list.data.data.length === 0 ? (
        <Empty>No mail here.</Empty>
      ) : (
        <table className="admin-table">
          <thead><tr><th>Received</th><th>From / to</th><th>Subject</th><th>Reason</th><th>Size</th><th /></tr></thead>
          <tbody>
            {list.data.data.map((f: ImportFailureDto) => (
              <tr key={f.id}>
                <td title={fullTime(f.created_at)}>{shortTime(f.created_at)}{f.attempts > 1 ? ` (${f.attempts} tries)` : ''}</td>
                <td>{f.envelope_from || '—'}<br /><span className="muted small">{f.envelope_to.join(', ')}</span></td>
                <td>{f.subject ?? <span className="muted">unknown</span>}</td>
                <td><code>{f.reason_code}</code> {f.reason}</td>
                <td>{bytes(f.raw_size)}</td>
                <td><span className="ch-actions">
                  <a href={f.raw_url} download>Download .eml</a>
                  {f.status === 'failed' && (
                    <>
                      <button type="button" disabled={act.isPending} onClick={() => act.mutate({ id: f.id, action: 'retry' })}>Retry</button>
                      <button type="button" disabled={act.isPending} onClick={() => act.mutate({ id: f.id, action: 'dismiss' })}>Dismiss</button>
                    </>
                  )}
                  {f.ticket_id && <a href={`/tickets/${f.ticket_id}`}>Ticket</a>}
                </span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BrandSettings() {
  const settings = useEmailSettings();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => api.patch<EmailSettingsDto>(`/api/v1/channels/email/settings/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: chkeys.settings }),
  });
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorBox error={settings.error} />;
  return (
    <section className="panel" aria-labelledby="mailboxes-title">
      <h2 id="mailboxes-title" className="panel-title">Mailboxes</h2>
      <p className="muted small">Mail to a brand&apos;s support address (set on the brand) or an alias becomes a ticket. Outgoing mail uses the brand&apos;s relay, else SMTP_OUTBOUND_URL.</p>
      {save.error && <p role="alert" className="error">{errorText(save.error)}</p>}
      {settings.data.data.map((s) => (
        <form key={`${s.brand_id}-${s.aliases.join()}-${s.smtp_host}-${s.from_name}-${s.auto_acknowledge}`} className="ch-form" onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const smtp = String(f.get('smtp_url') ?? '').trim();
          save.mutate({ id: s.brand_id, body: {
            aliases: String(f.get('aliases') ?? '').split(/[\s,]+/).filter(Boolean),
            from_name: String(f.get('from_name') ?? '').trim() || null,
            auto_acknowledge: f.get('auto_acknowledge') === 'on',
            ...(smtp ? { smtp_url: smtp } : {}),
            ...(f.get('clear_smtp') === 'on' ? { smtp_url: null } : {}),
          } });
        }}>
          <h3 className="panel-subtitle">{s.brand_name} — {s.support_email ?? <span className="muted">no support address</span>}</h3>
          <label>Aliases <input name="aliases" defaultValue={s.aliases.join(', ')} placeholder="sales@brand.example, billing@brand.example" /></label>
          <label>Sender name <input name="from_name" defaultValue={s.from_name ?? ''} placeholder={s.brand_name} maxLength={200} /></label>
          <label>SMTP relay <input name="smtp_url" type="password" autoComplete="off" placeholder={s.smtp_url_set ? `set (${s.smtp_host}) — type to replace` : 'smtp://user:pass@host:587'} /></label>
          {s.smtp_url_set && <label className="ch-check"><input type="checkbox" name="clear_smtp" /> Use the server default relay instead</label>}
          <label className="ch-check"><input type="checkbox" name="auto_acknowledge" defaultChecked={s.auto_acknowledge} /> Acknowledge new requests by email</label>
          <button type="submit" disabled={save.isPending}>Save {s.brand_name}</button>
        </form>
      ))}
    </section>
  );
}

function Templates() {
  const tpl = useTemplates();
  const brands = useBrands();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => request('PUT', '/api/v1/channels/email/templates', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: chkeys.templates }),
  });
  if (tpl.isPending) return <Loading />;
  if (tpl.error) return <ErrorBox error={tpl.error} />;
  const brandName = (id: string | null) => (id ? brands.data?.data.find((b) => b.id === id)?.name ?? id : 'All brands');
  return (
    <section className="panel" aria-labelledby="templates-title">
      <h2 id="templates-title" className="panel-title">Notification templates</h2>
      <p className="muted small">Placeholders: {'{{ticket.number}} {{ticket.subject}} {{brand.name}} {{customer.name}} {{agent.name}} {{message.body}}'}. Chosen by brand, then the ticket&apos;s language, then the built-in text.</p>
      <ul className="mini-list">
        {tpl.data.custom.map((t) => <li key={t.id}><b>{t.key}</b> · {brandName(t.brand_id)} · {t.language ?? 'any language'} — {t.subject}</li>)}
        {tpl.data.custom.length === 0 && <li className="muted">No overrides; the built-in English and German texts are used.</li>}
      </ul>
      {save.error && <p role="alert" className="error">{errorText(save.error)}</p>}
      <form className="ch-form" onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        save.mutate({
          key: f.get('key'), brand_id: f.get('brand_id') || null, language: String(f.get('language') ?? '').trim() || null,
          subject: f.get('subject'), body_text: f.get('body_text'),
        });
      }}>
        <label>Template <select name="key"><option value="acknowledgement">Acknowledgement</option><option value="agent_reply">Agent reply</option></select></label>
        <label>Brand <select name="brand_id"><option value="">All brands</option>{brands.data?.data.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}</select></label>
        <label>Language <input name="language" placeholder="en, de … (empty: any)" maxLength={16} /></label>
        <label>Subject <input name="subject" required maxLength={400} defaultValue={tpl.data.defaults[0]?.subject} /></label>
        <label className="ch-wide">Body <textarea name="body_text" rows={6} required defaultValue={tpl.data.defaults[0]?.body_text} /></label>
        <button type="submit" disabled={save.isPending}>Save template</button>
      </form>
    </section>
  );
}
