import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api-client/client.js';
import { keys, useNames } from '../../api-client/queries.js';
import type { List, Ticket, TicketListItem } from '../../api-client/types.js';
import { ErrorBox } from '../../ui/feedback.js';
import { NamedOptions, PriorityOptions, StatusOptions, assignableAgents } from '../../ui/options.js';
import { newKey } from '../tickets/mutations.js';
import {
  BULK_STATUSES, EMPTY_DRAFT, NONE, bulkChangesOf, bulkFailuresOf, describeChanges, hasChanges, keyFor, ticketsLabel, type BulkChanges, type BulkDraft,
} from './bulk-changes.js';
import { ariaCheckedOf, type HeaderState } from './bulk-selection.js';

/** POST /api/v1/tickets/bulk_update with an Idempotency-Key; on success the lists, counts and the tickets are refetched. */
export function useBulkUpdate() {
  const qc = useQueryClient();
  const last = useRef<{ fingerprint: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: { ids: string[]; changes: BulkChanges }) => {
      last.current = keyFor(last.current, body, newKey);
      return api.post<List<Ticket>>('/api/v1/tickets/bulk_update', body, { idempotencyKey: last.current.key });
    },
    onSuccess: (_out, body) => {
      last.current = null; // the same change chosen again later is a new request
      void qc.invalidateQueries({ queryKey: keys.ticketLists }); // lists and counts
      for (const id of body.ids) void qc.invalidateQueries({ queryKey: keys.ticket(id) });
    },
  });
}

/** The "select all on this page" box: a tri-state checkbox (aria-checked="mixed" when some are checked). */
export function SelectAllBox({ state, onToggle }: { state: HeaderState; onToggle(): void }) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={ariaCheckedOf(state)}
      aria-label="Select all tickets on this page"
      title="Select all on this page"
      className={`tri-check is-${state}`}
      data-testid="select-all"
      onClick={onToggle}
    />
  );
}

function Choice({ label, value, disabled, onChange, children }: { label: string; value: string; disabled: boolean; onChange(v: string): void; children: ReactNode }) {
  return (
    <label className="inline-field">
      <span>
        <span className="sr-only">Set </span>
        {label}
      </span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">No change</option>
        {children}
      </select>
    </label>
  );
}

interface Props {
  /** checked ticket ids, in list order */
  ids: string[];
  /** the loaded list (to name refused tickets by number) */
  tickets: TicketListItem[];
  onClear(): void;
  onUncheck(ids: string[]): void;
  onDone(summary: string): void;
}

/** Shown while tickets are checked: one change applied to all of them, all or nothing. */
export function BulkBar({ ids, tickets, onClear, onUncheck, onDone }: Props) {
  const names = useNames();
  const [d, setD] = useState<BulkDraft>(EMPTY_DRAFT);
  const bulk = useBulkUpdate();
  const changes = bulkChangesOf(d);
  const failures = bulkFailuresOf(bulk.error, tickets);
  const n = ids.length;
  const busy = bulk.isPending;
  const set = (k: keyof BulkDraft) => (v: string) => setD((x) => ({ ...x, [k]: v }));

  function apply(e: FormEvent) {
    e.preventDefault();
    if (!hasChanges(changes) || n === 0 || busy) return;
    bulk.mutate(
      { ids, changes },
      {
        onSuccess: (out) => {
          onDone(`Updated ${ticketsLabel(out.data.length)}: ${describeChanges(changes, names).join('; ')}.`);
          setD(EMPTY_DRAFT);
          onClear();
        },
      },
    );
  }

  return (
    <div className="bulk-wrap" role="region" aria-label="Bulk actions">
      <form className="bulk-bar" data-testid="bulk-bar" onSubmit={apply}>
        <strong className="bulk-count" aria-live="polite">
          {n} selected
        </strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClear} disabled={busy}>
          Clear
        </button>
        <Choice label="Status" value={d.status} disabled={busy} onChange={set('status')}>
          <StatusOptions statuses={BULK_STATUSES} />
        </Choice>
        <Choice label="Priority" value={d.priority} disabled={busy} onChange={set('priority')}>
          <PriorityOptions />
        </Choice>
        <Choice label="Assignee" value={d.assignee} disabled={busy} onChange={set('assignee')}>
          <option value={NONE}>Unassigned</option>
          <NamedOptions items={assignableAgents(names.users)} />
        </Choice>
        <Choice label="Team" value={d.team} disabled={busy} onChange={set('team')}>
          <option value={NONE}>No team</option>
          <NamedOptions items={names.teams} />
        </Choice>
        <label className="inline-field">
          <span>Add tags</span>
          <input value={d.addTags} size={10} disabled={busy} placeholder="e.g. vip" onChange={(e) => set('addTags')(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>Remove tags</span>
          <input value={d.removeTags} size={10} disabled={busy} onChange={(e) => set('removeTags')(e.target.value)} />
        </label>
        <span className="spacer" />
        <button type="submit" className="btn btn-primary btn-small" data-testid="bulk-apply" disabled={!hasChanges(changes) || busy}>
          {busy ? 'Applying…' : `Apply to ${ticketsLabel(n)}`}
        </button>
      </form>
      {failures ? (
        <div className="alert alert-error bulk-failures" role="alert" data-testid="bulk-failures">
          <div>
            <strong>Nothing was changed.</strong> {failures.length} of {ticketsLabel(bulk.variables?.ids.length ?? n)} refused the change:
            <ul>
              {failures.map((f) => (
                <li key={f.id}>
                  <strong>{f.label}</strong>
                  {f.subject && <span className="muted"> {f.subject}</span>} — {f.detail}
                </li>
              ))}
            </ul>
          </div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              onUncheck(failures.map((f) => f.id));
              bulk.reset();
            }}
          >
            Unselect {failures.length === 1 ? 'it' : 'them'}
          </button>
        </div>
      ) : (
        <ErrorBox error={bulk.error} />
      )}
    </div>
  );
}
