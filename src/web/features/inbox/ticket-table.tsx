import { Link, useNavigate } from 'react-router';
import { useNames } from '../../api-client/queries.js';
import type { RequesterSummary, TicketListItem } from '../../api-client/types.js';
import { fullTime, requesterLabel, shortTime } from '../../ui/format.js';
import { PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { SelectAllBox } from './bulk-bar.js';
import type { BulkSelection } from './bulk-selection.js';
import { SlaBadge } from '../sla/sla-badge.js';

/** The requester as the list API embeds it (no request per row). */
export function RequesterName({ requester, link = false }: { requester: RequesterSummary; link?: boolean }) {
  const label = requesterLabel(requester);
  return (
    <span title={requester.email ?? undefined}>{link ? <Link to={`/customers/${requester.id}`}>{label}</Link> : label}</span>
  );
}

interface Props {
  tickets: TicketListItem[];
  selected: number;
  onSelect(i: number): void;
  caption: string;
  /** bulk selection: a checkbox per row and "select all on this page" (left out when the agent cannot bulk-update) */
  checks?: BulkSelection;
}

export function TicketTable({ tickets, selected, onSelect, caption, checks }: Props) {
  const names = useNames();
  const navigate = useNavigate();
  return (
    <table className="ticket-table" data-testid="ticket-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {checks && (
            <th scope="col" className="col-check">
              <SelectAllBox state={checks.header} onToggle={checks.toggleAll} />
            </th>
          )}
          <th scope="col" className="col-num">#</th>
          <th scope="col">Subject</th>
          <th scope="col">Requester</th>
          <th scope="col">Status</th>
          <th scope="col">Priority</th>
          <th scope="col">SLA</th>
          <th scope="col">Assignee</th>
          <th scope="col">Team</th>
          <th scope="col" className="col-time">Updated</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((t, i) => (
          <tr
            key={t.id}
            data-row-index={i}
            className={[i === selected && 'is-selected', checks?.has(t.id) && 'is-checked'].filter(Boolean).join(' ') || undefined}
            aria-selected={i === selected}
            onClick={(e) => {
              onSelect(i);
              if (!(e.target instanceof HTMLAnchorElement)) navigate(`/tickets/${t.id}`);
            }}
          >
            {checks && (
              // the whole cell toggles the box; a click here never opens the ticket
              <td className="col-check" onClick={(e) => e.stopPropagation()}>
                <label className="check-hit">
                  <input
                    type="checkbox"
                    aria-label={`Select ticket #${t.number}`}
                    checked={checks.has(t.id)}
                    tabIndex={i === selected ? 0 : -1}
                    onChange={() => {
                      checks.toggle(t.id);
                      onSelect(i);
                    }}
                  />
                </label>
              </td>
            )}
            <td className="col-num">{t.number}</td>
            <td className="col-subject">
              <Link to={`/tickets/${t.id}`} tabIndex={i === selected ? 0 : -1}>
                {t.subject}
              </Link>
              {t.tags.length > 0 && (
                <span className="row-tags">
                  {t.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
              )}
            </td>
            <td>
              <RequesterName requester={t.requester} />
            </td>
            <td>
              <StatusBadge status={t.status} />
            </td>
            <td>
              <PriorityTag priority={t.priority} />
            </td>
            <td className="col-sla">
              <SlaBadge badge={t.sla} compact />
            </td>
            <td>{names.user(t.assignee_id) || <span className="muted">—</span>}</td>
            <td>{names.team(t.team_id) || <span className="muted">—</span>}</td>
            <td className="col-time">
              <time dateTime={t.updated_at} title={fullTime(t.updated_at)}>
                {shortTime(t.updated_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
