import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';
import { EditDialog, Field, useDraft } from '../admin/admin-form.js';
import { CrudList, muted, useSave } from './crud-list.js';
import { JsonField } from '../automations/json-field.js';
import { METRICS, metricLabel, slaKeys, useCalendars, usePolicies, type Metric, type Policy, type PolicyTarget } from './api.js';

const PAUSABLE = ['pending', 'on_hold'];
const conditionText = (c: Record<string, unknown>) =>
  Object.entries(c).map(([k, v]) => `${k.replace('_', ' ')}: ${Array.isArray(v) ? v.join(', ') : JSON.stringify(v)}`).join('; ');
const targetText = (t: PolicyTarget) => `${metricLabel(t.metric)} ${t.minutes >= 60 && t.minutes % 60 === 0 ? `${t.minutes / 60}h` : `${t.minutes}m`}${t.business ? '' : ' (24/7)'}`;

/** SLA policies in evaluation order (first match wins): conditions, targets, pauses, calendar, breach actions. */
export function PoliciesAdmin() {
  const q = usePolicies();
  const qc = useQueryClient();
  const move = useMutation({
    mutationFn: (ids: string[]) => api.post('/api/v1/sla/policies/reorder', { ids }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
  const rows = q.data?.data ?? [];
  const shift = (p: Policy, d: -1 | 1) => {
    const ids = rows.map((r) => r.id);
    const i = ids.indexOf(p.id);
    if (i + d < 0 || i + d >= ids.length) return;
    [ids[i], ids[i + d]] = [ids[i + d]!, ids[i]!];
    move.mutate(ids);
  };
  return (
    <CrudList
      addLabel="Add policy"
      intro="Policies are checked in order; the first whose conditions all hold applies. Tickets re-evaluate when their priority, team, assignee, tags or fields change, and when reopened."
      query={q}
      error={move.error}
      rowClass={(p) => (p.is_active ? undefined : 'is-inactive')}
      columns={[
        { header: '#', cell: (p) => p.position + 1 },
        { header: 'Name', cell: (p) => (p.is_active ? p.name : <>{p.name} {muted('(off)')}</>) },
        { header: 'When', cell: (p) => <span className="small">{conditionText(p.conditions) || muted('every ticket')}</span> },
        { header: 'Targets', cell: (p) => <span className="small">{p.targets.map(targetText).join(', ')}</span> },
        { header: 'Breach actions', cell: (p) => <span className="small">{p.breach_actions.map((a) => String(a.type).replace('_', ' ')).join(', ') || muted('none')}</span> },
      ]}
      extraActions={(p) => (
        <>
          <button type="button" className="btn btn-small" aria-label={`Move ${p.name} up`} disabled={p.position === 0 || move.isPending} onClick={() => shift(p, -1)}>↑</button>
          <button type="button" className="btn btn-small" aria-label={`Move ${p.name} down`} disabled={p.position === rows.length - 1 || move.isPending} onClick={() => shift(p, 1)}>↓</button>
        </>
      )}
      dialog={(p, close) => <PolicyDialog policy={p} onClose={close} />}
    />
  );
}

type Draft = {
  name: string; description: string; is_active: boolean; calendar_id: string; pause: string[];
  targets: Record<Metric, { on: boolean; minutes: string; business: boolean }>;
  conditions?: Record<string, unknown>; breach_actions?: Array<Record<string, unknown>>;
};

function PolicyDialog({ policy, onClose }: { policy: Policy | null; onClose(): void }) {
  const calendars = useCalendars().data?.data ?? [];
  const { draft, text, check, set } = useDraft<Draft>(() => ({
    name: policy?.name ?? '', description: policy?.description ?? '', is_active: policy?.is_active ?? true, calendar_id: policy?.calendar_id ?? '',
    pause: policy?.pause_statuses ?? PAUSABLE,
    targets: Object.fromEntries(METRICS.map(([m]) => {
      const t = policy?.targets.find((x) => x.metric === m);
      return [m, { on: !!t || (!policy && (m === 'first_reply' || m === 'resolution')), minutes: String(t?.minutes ?? (m === 'resolution' ? 480 : 60)), business: t?.business ?? true }];
    })) as Draft['targets'],
    conditions: policy?.conditions ?? {}, breach_actions: policy?.breach_actions ?? [],
  }));
  const save = useSave((b: Record<string, unknown>) => (policy ? api.patch(`/api/v1/sla/policies/${policy.id}`, b) : api.post('/api/v1/sla/policies', b)), slaKeys.policies);
  const setTarget = (m: Metric, patch: Partial<Draft['targets'][Metric]>) => set('targets')({ ...draft.targets, [m]: { ...draft.targets[m], ...patch } });
  return (
    <EditDialog
      wide
      title={policy ? `Edit ${policy.name}` : 'Add SLA policy'}
      onClose={onClose}
      save={save}
      onSubmit={() => {
        if (!draft.conditions || !draft.breach_actions) return;
        const targets = METRICS.filter(([m]) => draft.targets[m].on).map(([m]) => ({ metric: m, minutes: Number(draft.targets[m].minutes), business: draft.targets[m].business }));
        const body: Record<string, unknown> = {
          name: draft.name.trim(), description: draft.description, is_active: draft.is_active, conditions: draft.conditions, targets,
          pause_statuses: draft.pause, calendar_id: draft.calendar_id || null, breach_actions: draft.breach_actions,
        };
        if (policy) body.version = policy.version;
        save.mutate(body, { onSuccess: onClose });
      }}
    >
      <div className="form-row">
        <Field label="Name">
          <input required maxLength={120} {...text('name')} />
        </Field>
        <label className="check-row">
          <input type="checkbox" {...check('is_active')} /> Active
        </label>
      </div>
      <Field label="Description">
        <input maxLength={2000} {...text('description')} />
      </Field>
      <JsonField
        label="Conditions (all must hold)"
        value={draft.conditions}
        onChange={set('conditions')}
        rows={4}
        hint='e.g. {"priorities": ["urgent","high"], "customer_tiers": ["enterprise"], "countries": ["IE"], "tags_any": ["vip"], "channels": ["chat"], "brand_ids": [], "custom_fields": {"plan": ["pro"]}}; {} = every ticket'
      />
      <fieldset>
        <legend>Targets (minutes)</legend>
        {METRICS.map(([m, label]) => (
          <div className="form-row" key={m}>
            <label className="check-row">
              <input type="checkbox" checked={draft.targets[m].on} onChange={(e) => setTarget(m, { on: e.target.checked })} /> {label}
            </label>
            <input type="number" min={1} max={525600} aria-label={`${label} minutes`} disabled={!draft.targets[m].on} value={draft.targets[m].minutes} onChange={(e) => setTarget(m, { minutes: e.target.value })} />
            <label className="check-row">
              <input type="checkbox" disabled={!draft.targets[m].on} checked={draft.targets[m].business} onChange={(e) => setTarget(m, { business: e.target.checked })} /> business hours
            </label>
          </div>
        ))}
      </fieldset>
      <div className="form-row">
        <Field label="Calendar">
          <select {...text('calendar_id')}>
            <option value="">The ticket's team / brand / market / workspace calendar</option>
            {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </Field>
        <fieldset>
          <legend>Pause the clocks while</legend>
          {PAUSABLE.map((s) => (
            <label key={s} className="check-row">
              <input type="checkbox" checked={draft.pause.includes(s)} onChange={(e) => set('pause')(e.target.checked ? [...draft.pause, s] : draft.pause.filter((x) => x !== s))} /> {s.replace('_', ' ')}
            </label>
          ))}
        </fieldset>
      </div>
      <JsonField
        label="Breach actions"
        value={draft.breach_actions}
        onChange={set('breach_actions')}
        rows={4}
        hint='e.g. [{"type":"notify","user_ids":[]},{"type":"raise_priority","to":"urgent"},{"type":"reassign","team_id":"team_…"},{"type":"escalate","team_id":"team_…","reason":"…","metrics":["resolution"]}]'
      />
    </EditDialog>
  );
}
