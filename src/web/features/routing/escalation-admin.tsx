import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../api-client/client.js';
import { useTeams } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { EditDialog, Field } from '../admin/admin-form.js';
import { api, rkeys, useEscalationTargets, useTrackers, type EscalationTarget, type TrackerIntegration } from './routing-api.js';

const KINDS = ['engineering', 'product', 'legal', 'ops', 'payments', 'other'];

/** `key | Label | type | opt1, opt2` per line ⇄ required field definitions. */
export function parseFieldLines(text: string): EscalationTarget['required_fields'] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [key, label, type = 'text', options] = l.split('|').map((s) => s.trim());
    const t = (['text', 'url', 'number', 'select'].includes(type) ? type : 'text') as EscalationTarget['required_fields'][number]['type'];
    return { key, label: label || key, type: t, ...(t === 'select' ? { options: (options ?? '').split(',').map((o) => o.trim()).filter(Boolean) } : {}) };
  });
}
const fieldLines = (f: EscalationTarget['required_fields']) => f.map((x) => [x.key, x.label, x.type, x.options?.join(', ')].filter(Boolean).join(' | ')).join('\n');

/** Admin → Escalation: which teams take escalations, what they require, their own targets; tracker integrations. */
export function EscalationAdmin() {
  const targets = useEscalationTargets();
  const trackers = useTrackers();
  const [editing, setEditing] = useState<EscalationTarget | 'new' | null>(null);
  const [tracker, setTracker] = useState(false);
  return (
    <>
      <p className="hint">Teams that take escalations (Engineering, Product, Legal, Ops, Payments): what they need to know, and how fast they answer.</p>
      <p><button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>Add target team</button></p>
      {targets.isPending ? <Loading /> : targets.error ? <ErrorBox error={targets.error} /> : (
        <table className="admin-table">
          <thead><tr><th scope="col">Team</th><th scope="col">Kind</th><th scope="col">Required fields</th><th scope="col">Answer / resolve within</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {targets.data.data.map((t) => (
              <tr key={t.team_id}>
                <td>{t.name}</td>
                <td>{t.kind}</td>
                <td>{t.required_fields.map((f) => f.label).join(', ') || <span className="muted">none</span>}</td>
                <td>{t.response_minutes ?? '—'} min / {t.resolution_minutes ? `${Math.round(t.resolution_minutes / 60)} h` : '—'}</td>
                <td className="row-actions"><button type="button" className="btn btn-small" onClick={() => setEditing(t)}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="section-title">Tracker integrations</h2>
      <p className="hint">Trackers (Jira, Linear, GitHub…) post issue status changes to their webhook URL, signed with HMAC-SHA256 (see docs/routing.md).</p>
      <ul className="mini-list">
        {(trackers.data?.data ?? []).map((i) => <li key={i.id}>{i.name} <code>/webhooks/trackers/{i.id}</code></li>)}
      </ul>
      <button type="button" className="btn btn-small" onClick={() => setTracker(true)}>Add tracker</button>
      {editing && <TargetDialog target={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {tracker && <TrackerDialog onClose={() => setTracker(false)} />}
    </>
  );
}

function TargetDialog({ target, onClose }: { target: EscalationTarget | null; onClose(): void }) {
  const teams = useTeams().data?.data ?? [];
  const qc = useQueryClient();
  const [d, setD] = useState({
    team_id: target?.team_id ?? '', kind: target?.kind ?? 'engineering', fields: fieldLines(target?.required_fields ?? []),
    response: target?.response_minutes?.toString() ?? '', resolution: target?.resolution_minutes?.toString() ?? '',
  });
  const save = useMutation({
    mutationFn: () => request('PUT', `/api/v1/escalation_targets/${d.team_id}`, {
      body: { kind: d.kind, required_fields: parseFieldLines(d.fields), response_minutes: d.response ? Number(d.response) : null, resolution_minutes: d.resolution ? Number(d.resolution) : null },
    }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rkeys.targets });
      onClose();
    },
  });
  return (
    <EditDialog title={target ? `Escalation to ${target.name}` : 'Add target team'} onClose={onClose} onSubmit={() => save.mutate()} save={save} wide>
      <Field label="Team">
        <select required disabled={!!target} value={d.team_id} onChange={(e) => setD({ ...d, team_id: e.target.value })}>
          <option value="">Choose…</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </Field>
      <Field label="Kind">
        <select value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value as EscalationTarget['kind'] })}>{KINDS.map((k) => <option key={k}>{k}</option>)}</select>
      </Field>
      <Field label="Required fields, one per line: key | Label | text, url, number or select | options">
        <textarea rows={5} value={d.fields} onChange={(e) => setD({ ...d, fields: e.target.value })} placeholder={'steps | Steps to reproduce | text\nseverity | Severity | select | s1, s2, s3'} />
      </Field>
      <div className="form-row">
        <Field label="Answer within (minutes)"><input type="number" min={1} value={d.response} onChange={(e) => setD({ ...d, response: e.target.value })} /></Field>
        <Field label="Resolve within (minutes)"><input type="number" min={1} value={d.resolution} onChange={(e) => setD({ ...d, resolution: e.target.value })} /></Field>
      </div>
    </EditDialog>
  );
}

function TrackerDialog({ onClose }: { onClose(): void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({ mutationFn: () => api.post<TrackerIntegration>('/api/v1/tracker_integrations', { name }), onSuccess: () => void qc.invalidateQueries({ queryKey: rkeys.trackers }) });
  if (save.data) {
    return (
      <EditDialog title="Tracker added" onClose={onClose} onSubmit={onClose} save={{ error: null, isPending: false }} submitLabel="Done">
        <p>Configure the tracker to POST to <code>{save.data.webhook_url}</code> with this signing secret. It is shown only now:</p>
        <p><code className="secret">{save.data.secret}</code></p>
      </EditDialog>
    );
  }
  return (
    <EditDialog title="Add tracker" onClose={onClose} onSubmit={() => save.mutate()} save={save} submitLabel="Create">
      <Field label="Name"><input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="Jira" /></Field>
    </EditDialog>
  );
}
