import { useState } from 'react';
import { api } from '../../api-client/client.js';
import { useSave } from '../admin/admin-common.js';
import { EditDialog, Field, useDraft } from '../admin/admin-form.js';
import { AdminCrudPage, muted } from '../admin/admin-table.js';
import { akeys, describeActions, describeConditions, useAutomationSchema, useEventNames, useRules, type Action, type Conditions, type Rule } from './api.js';
import { JsonField } from './json-field.js';

const EXAMPLES: Record<Rule['kind'], { conditions: Conditions; actions: Action[]; events: string[] }> = {
  trigger: {
    conditions: { all: [{ field: 'subject', op: 'contains', value: 'refund' }], any: [] },
    actions: [{ type: 'set_priority', value: 'high' }, { type: 'add_tags', value: ['refund'] }],
    events: ['ticket.created'],
  },
  automation: {
    conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 72 }], any: [] },
    actions: [{ type: 'send_reply', bodies: { en: 'Hi {{requester.first_name}}, do you still need help with #{{ticket.number}}?' } }],
    events: [],
  },
};

/** Triggers (on events) and time-based automations (on a schedule): one page shape for both. */
export function RulesAdmin({ kind }: { kind: Rule['kind'] }) {
  const query = useRules(kind);
  const title = kind === 'trigger' ? 'Triggers' : 'Automations';
  return (
    <AdminCrudPage
      title={title}
      addLabel={kind === 'trigger' ? 'Add trigger' : 'Add automation'}
      query={query}
      rowClass={(r) => (r.active ? undefined : 'is-inactive')}
      columns={[
        { header: '#', cell: (r) => r.position },
        { header: 'Name', cell: (r) => (r.active ? r.name : <>{r.name} {muted('(off)')}</>) },
        kind === 'trigger' && { header: 'On', cell: (r) => r.on_events.join(', ') || muted('any ticket event') },
        { header: 'When', cell: (r) => <span className="small">{describeConditions(r.conditions)}</span> },
        { header: 'Then', cell: (r) => <span className="small">{describeActions(r.actions)}</span> },
        { header: 'Fired', cell: (r) => r.fire_count },
      ]}
      dialog={(rule, close) => <RuleDialog kind={kind} rule={rule} onClose={close} />}
    />
  );
}

type Draft = { name: string; position: string; active: boolean; on_events: string[]; conditions?: Conditions; actions?: Action[] };

function RuleDialog({ kind, rule, onClose }: { kind: Rule['kind']; rule: Rule | null; onClose(): void }) {
  const ex = EXAMPLES[kind];
  const schema = useAutomationSchema().data;
  const names = (useEventNames().data?.data ?? []).filter((n) => n.startsWith('ticket.') || n === 'message.added');
  const { draft, text, check, set } = useDraft<Draft>({
    name: rule?.name ?? '', position: String(rule?.position ?? ''), active: rule?.active ?? true, on_events: rule?.on_events ?? ex.events,
    conditions: rule?.conditions ?? ex.conditions, actions: rule?.actions ?? ex.actions,
  });
  const [remove, setRemove] = useState(false);
  const base = kind === 'trigger' ? '/api/v1/triggers' : '/api/v1/automations';
  const save = useSave((body: Record<string, unknown>) => (rule ? api.patch(`${base}/${rule.id}`, body) : api.post(base, body)), akeys.rules(kind));
  const del = useSave(() => api.del(`${base}/${rule!.id}`), akeys.rules(kind));
  const valid = draft.conditions !== undefined && draft.actions !== undefined;
  return (
    <EditDialog
      wide
      title={rule ? `Edit ${rule.name}` : kind === 'trigger' ? 'Add trigger' : 'Add automation'}
      onClose={onClose}
      save={remove ? del : save}
      submitLabel={remove ? 'Delete' : 'Save'}
      onSubmit={() => {
        if (remove) return del.mutate(undefined, { onSuccess: onClose });
        if (!valid) return;
        const body: Record<string, unknown> = { name: draft.name.trim(), active: draft.active, conditions: draft.conditions, actions: draft.actions };
        if (draft.position.trim()) body.position = Number(draft.position);
        if (kind === 'trigger') body.on_events = draft.on_events;
        save.mutate(body, { onSuccess: onClose });
      }}
    >
      <Field label="Name">
        <input required maxLength={120} {...text('name')} />
      </Field>
      <div className="form-row">
        <Field label="Position (runs in ascending order)">
          <input inputMode="numeric" pattern="[0-9]*" {...text('position')} placeholder="last" />
        </Field>
        <label className="check-row">
          <input type="checkbox" {...check('active')} /> Active
        </label>
      </div>
      {kind === 'trigger' && (
        <fieldset className="checkbox-list">
          <legend>Runs on (none ticked = every ticket event)</legend>
          {names.map((n) => (
            <label key={n} className="check-row">
              <input type="checkbox" checked={draft.on_events.includes(n)} onChange={(e) => set('on_events')(e.target.checked ? [...draft.on_events, n] : draft.on_events.filter((x) => x !== n))} />
              {n}
            </label>
          ))}
        </fieldset>
      )}
      <JsonField<Conditions> label="Conditions" value={draft.conditions ?? ex.conditions} onChange={set('conditions')}
        hint={`Fields: ${schema?.fields.join(', ') ?? '…'}. Operators: ${schema?.ops.join(', ') ?? '…'}.`} />
      <JsonField<Action[]> label="Actions" value={draft.actions ?? ex.actions} onChange={set('actions')}
        hint={`set_status, set_priority, set_team, set_assignee, add_tags, remove_tags, set_field, add_note, send_reply, notify_webhook. Placeholders: ${schema?.placeholders.map((p) => `{{${p}}}`).join(' ') ?? '…'}`} />
      {rule && (
        <label className="check-row">
          <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} /> Delete this {kind}
        </label>
      )}
    </EditDialog>
  );
}
