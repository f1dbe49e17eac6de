import { useEffect, useState } from 'react';
import { ApiError, errorText } from '../../api-client/client.js';
import { useFields, useNames } from '../../api-client/queries.js';
import type { FieldValue, Ticket } from '../../api-client/types.js';
import { NamedOptions, PriorityOptions, StatusOptions, assignableAgents } from '../../ui/options.js';
import { FieldInput } from './field-input.js';
import { useUpdateTicket, type TicketChanges } from './mutations.js';
import { TagsEditor } from './tags-editor.js';

interface Props {
  ticket: Ticket;
  readOnly: boolean;
  onReload(): void;
}

/** Status, priority, assignee, team, brand, tags and custom fields; edits are a draft saved with the ticket version. */
export function PropertiesPanel({ ticket, readOnly, onReload }: Props) {
  const names = useNames();
  const fields = (useFields().data?.data ?? []).filter((f) => f.is_active).sort((a, b) => a.position - b.position);
  const update = useUpdateTicket(ticket.id);
  const [draft, setDraft] = useState<TicketChanges>({});
  useEffect(() => setDraft({}), [ticket.id]);

  const dirty = Object.keys(draft).length > 0;
  const v = {
    status: draft.status ?? ticket.status,
    priority: draft.priority ?? ticket.priority,
    assignee_id: draft.assignee_id !== undefined ? draft.assignee_id : ticket.assignee_id,
    team_id: draft.team_id !== undefined ? draft.team_id : ticket.team_id,
    brand_id: draft.brand_id ?? ticket.brand_id,
    tags: draft.tags ?? ticket.tags,
    custom_fields: { ...ticket.custom_fields, ...draft.custom_fields } as Record<string, unknown>,
  };

  function set<K extends keyof TicketChanges>(k: K, val: TicketChanges[K], original: unknown) {
    setDraft((d) => {
      const next = { ...d, [k]: val };
      if (JSON.stringify(val) === JSON.stringify(original)) delete next[k];
      return next;
    });
    update.reset();
  }
  function setField(key: string, val: FieldValue) {
    setDraft((d) => {
      const cf: Record<string, FieldValue> = { ...d.custom_fields, [key]: val };
      if (JSON.stringify(val ?? null) === JSON.stringify(ticket.custom_fields[key] ?? null)) delete cf[key];
      const { custom_fields: _old, ...rest } = d;
      return Object.keys(cf).length === 0 ? rest : { ...rest, custom_fields: cf };
    });
    update.reset();
  }

  function save() {
    update.mutate({ changes: draft, version: ticket.version }, { onSuccess: () => setDraft({}) });
  }

  const conflict = update.error instanceof ApiError && update.error.code === 'VERSION_CONFLICT';
  const agents = assignableAgents(names.users, v.assignee_id);

  return (
    <section className="panel props" aria-label="Ticket properties">
      <div className="prop-grid">
        <div className="prop">
          <label htmlFor="prop-status" className="prop-label">Status</label>
          <select id="prop-status" value={v.status} disabled={readOnly} onChange={(e) => set('status', e.target.value, ticket.status)}>
            <StatusOptions />
          </select>
        </div>
        <div className="prop">
          <label htmlFor="prop-priority" className="prop-label">Priority</label>
          <select id="prop-priority" value={v.priority} disabled={readOnly} onChange={(e) => set('priority', e.target.value, ticket.priority)}>
            <PriorityOptions />
          </select>
        </div>
      </div>
      <div className="prop">
        <label htmlFor="prop-assignee" className="prop-label">Assignee</label>
        <select id="prop-assignee" value={v.assignee_id ?? ''} disabled={readOnly} onChange={(e) => set('assignee_id', e.target.value || null, ticket.assignee_id)}>
          <option value="">Unassigned</option>
          <NamedOptions items={agents} />
        </select>
      </div>
      <div className="prop">
        <label htmlFor="prop-team" className="prop-label">Team</label>
        <select id="prop-team" value={v.team_id ?? ''} disabled={readOnly} onChange={(e) => set('team_id', e.target.value || null, ticket.team_id)}>
          <option value="">No team</option>
          <NamedOptions items={names.teams} />
        </select>
      </div>
      <div className="prop">
        <label htmlFor="prop-brand" className="prop-label">Brand</label>
        <select id="prop-brand" value={v.brand_id} disabled={readOnly || names.brands.length < 2} onChange={(e) => set('brand_id', e.target.value, ticket.brand_id)}>
          <NamedOptions items={names.brands} />
          {!names.brands.some((b) => b.id === v.brand_id) && <option value={v.brand_id}>…</option>}
        </select>
      </div>
      <div className="prop">
        <label htmlFor="prop-tags" className="prop-label">Tags</label>
        <TagsEditor id="prop-tags" tags={v.tags} disabled={readOnly} onChange={(tags) => set('tags', tags, ticket.tags)} />
      </div>
      {fields.map((f) => (
        <FieldInput key={f.id} field={f} value={v.custom_fields[f.key]} disabled={readOnly} onChange={(val) => setField(f.key, val)} />
      ))}
      {update.error && (
        <div className="alert alert-error" role="alert">
          <span>{conflict ? 'Someone else changed this ticket — reload to see their changes.' : errorText(update.error)}</span>
          {conflict && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setDraft({});
                update.reset();
                onReload();
              }}
            >
              Reload
            </button>
          )}
        </div>
      )}
      {!readOnly && (
        <div className="props-actions">
          <button type="button" className="btn btn-ghost btn-small" disabled={!dirty || update.isPending} onClick={() => setDraft({})}>
            Discard
          </button>
          <button type="button" className="btn btn-primary btn-small" data-testid="save-properties" disabled={!dirty || update.isPending} onClick={save}>
            {update.isPending ? 'Saving…' : dirty ? 'Save changes' : 'No changes'}
          </button>
        </div>
      )}
    </section>
  );
}
