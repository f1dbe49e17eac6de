/** <option> lists shared by the selects of the filter bar, the bulk bar, the ticket form and the properties panel. */
import { PRIORITIES, TICKET_STATUSES } from '../../shared/enums.js';
import { priorityLabel, statusLabel } from './format.js';

export function StatusOptions({ statuses = TICKET_STATUSES }: { statuses?: readonly string[] }) {
  return (
    <>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {statusLabel(s)}
        </option>
      ))}
    </>
  );
}

export function PriorityOptions() {
  return (
    <>
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {priorityLabel(p)}
        </option>
      ))}
    </>
  );
}

/** One option per named thing (teams, brands, agents): value = id, text = name. */
export function NamedOptions({ items }: { items: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name}
        </option>
      ))}
    </>
  );
}

/** Who can be assigned a ticket: active users who work tickets (not analysts); `keepId` stays listed (the current assignee). */
export function assignableAgents<U extends { id: string; is_active: boolean; role: string }>(users: readonly U[], keepId?: string | null): U[] {
  return users.filter((u) => (u.is_active && u.role !== 'analyst') || (!!keepId && u.id === keepId));
}
