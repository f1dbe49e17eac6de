import { useState } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { Dialog } from '../../ui/dialog.js';
import { shortTime } from '../../ui/format.js';
import { useSave } from '../admin/admin-common.js';
import { EditDialog, Field, useDraft } from '../admin/admin-form.js';
import { AdminCrudPage, AdminTable, muted } from '../admin/admin-table.js';
import { akeys, useDeliveries, useEventNames, useWebhooks, type Delivery, type Webhook } from './api.js';

export function WebhooksAdmin() {
  const [log, setLog] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <AdminCrudPage
        title="Webhooks"
        addLabel="Add webhook"
        query={useWebhooks()}
        rowClass={(w) => (w.active ? undefined : 'is-inactive')}
        columns={[
          { header: 'Name', cell: (w) => (w.active ? w.name : <>{w.name} {muted('(off)')}</>) },
          { header: 'URL', cell: (w) => <code className="small">{w.url}</code> },
          { header: 'Events', cell: (w) => <span className="small">{w.events.join(', ')}</span> },
        ]}
        extraActions={(w) => (
          <button type="button" className="btn btn-small" onClick={() => setLog(w)}>
            Deliveries
          </button>
        )}
        dialog={(w, close) => <WebhookDialog hook={w} onClose={close} onSecret={setSecret} />}
      />
      {secret && (
        <Dialog open onClose={() => setSecret(null)} title="Signing secret">
          <p>Copy it now — it is not shown again. Verify each request with the Standard Webhooks scheme (see docs/automations.md).</p>
          <pre className="mono secret" data-testid="webhook-secret">{secret}</pre>
        </Dialog>
      )}
      {log && <DeliveryLog hook={log} onClose={() => setLog(null)} />}
    </>
  );
}

type Draft = { name: string; url: string; events: string[]; active: boolean; rotate: boolean };

function WebhookDialog({ hook, onClose, onSecret }: { hook: Webhook | null; onClose(): void; onSecret(s: string): void }) {
  const names = useEventNames().data?.data ?? [];
  const { draft, text, check, set } = useDraft<Draft>({ name: hook?.name ?? '', url: hook?.url ?? 'https://', events: hook?.events ?? ['ticket.created'], active: hook?.active ?? true, rotate: false });
  const save = useSave((b: Record<string, unknown>) => (hook ? api.patch<Webhook>(`/api/v1/webhooks/${hook.id}`, b) : api.post<Webhook>('/api/v1/webhooks', b)), akeys.webhooks);
  return (
    <EditDialog
      wide
      title={hook ? `Edit ${hook.name}` : 'Add webhook'}
      onClose={onClose}
      save={save}
      onSubmit={() =>
        save.mutate(
          { name: draft.name.trim(), url: draft.url.trim(), events: draft.events, active: draft.active, ...(hook && draft.rotate ? { rotate_secret: true } : {}) },
          { onSuccess: (w) => { if (w.secret) onSecret(w.secret); onClose(); } },
        )
      }
    >
      <Field label="Name">
        <input required maxLength={120} {...text('name')} />
      </Field>
      <Field label="URL (https recommended)">
        <input required type="url" maxLength={2000} {...text('url')} />
      </Field>
      <label className="check-row">
        <input type="checkbox" checked={draft.events.includes('*')} onChange={(e) => set('events')(e.target.checked ? ['*'] : [])} /> Every event
      </label>
      {!draft.events.includes('*') && (
        <fieldset className="checkbox-list columns">
          <legend>Events</legend>
          {names.filter((n) => !n.startsWith('webhook.')).map((n) => (
            <label key={n} className="check-row">
              <input type="checkbox" checked={draft.events.includes(n)} onChange={(e) => set('events')(e.target.checked ? [...draft.events, n] : draft.events.filter((x) => x !== n))} />
              {n}
            </label>
          ))}
        </fieldset>
      )}
      <label className="check-row">
        <input type="checkbox" {...check('active')} /> Active
      </label>
      {hook && (
        <label className="check-row">
          <input type="checkbox" {...check('rotate')} /> Rotate the signing secret
        </label>
      )}
    </EditDialog>
  );
}

function DeliveryLog({ hook, onClose }: { hook: Webhook; onClose(): void }) {
  const [status, setStatus] = useState('');
  const q = useDeliveries(hook.id, status);
  const replay = useSave((id: string) => api.post(`/api/v1/webhooks/${hook.id}/deliveries/${id}/replay`), ['webhooks', hook.id]);
  return (
    <Dialog open onClose={onClose} title={`Deliveries — ${hook.name}`} wide>
      <label className="field inline">
        <span>Show</span>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All</option>
          <option value="pending">Pending (retrying)</option>
          <option value="succeeded">Delivered</option>
          <option value="dead">Dead letters</option>
        </select>
      </label>
      {replay.error ? <p className="alert alert-error" role="alert">{errorText(replay.error)}</p> : null}
      {q.isPending ? <p className="muted">Loading…</p> : (q.data?.data.length ?? 0) === 0 ? <p className="muted">No deliveries.</p> : (
        <AdminTable<Delivery>
          rows={q.data?.data ?? []}
          columns={[
            { header: 'When', cell: (d) => shortTime(d.created_at) },
            { header: 'Event', cell: (d) => d.event_name },
            { header: 'Status', cell: (d) => <span className={`badge badge-${d.status}`}>{d.status}</span> },
            { header: 'Attempts', cell: (d) => d.attempts },
            { header: 'Last result', cell: (d) => (d.last_error ? <span className="error-text small">{d.last_error}</span> : d.last_status_code ?? muted()) },
            { header: 'Next try', cell: (d) => (d.status === 'pending' ? shortTime(d.next_attempt_at) : muted()) },
          ]}
          actions={(d) => d.status !== 'pending' && (
            <button type="button" className="btn btn-small" disabled={replay.isPending} onClick={() => replay.mutate(d.id)}>
              Replay
            </button>
          )}
        />
      )}
    </Dialog>
  );
}
