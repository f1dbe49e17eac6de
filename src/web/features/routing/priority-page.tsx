import { Link, useSearchParams } from 'react-router';
import { useNames } from '../../api-client/queries.js';
import { ErrorBox, Loading, PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { usePriorityList } from './routing-api.js';
import { ScoreWhy } from './score-why.js';

/** Open tickets in priority-score order; every score explains itself. */
/** Inbox view filters the priority list understands (a view opened "by priority score" keeps these). */
export const PRIORITY_FILTER_KEYS = ['status', 'assignee_id', 'team_id', 'brand_id', 'channel', 'tag'] as const;

export function PriorityPage() {
  const names = useNames();
  const [search, setSearch] = useSearchParams();
  const get = (k: string) => search.get(k) || undefined;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };
  const who = get('assignee_id') ?? '';
  const team = get('team_id') ?? '';
  const list = usePriorityList({ limit: '200', ...Object.fromEntries(PRIORITY_FILTER_KEYS.map((k) => [k, get(k)])) });
  return (
    <section className="main-pane" aria-labelledby="prio-title">
      <header className="pane-head">
        <h1 id="prio-title">Priority</h1>
        <span className="spacer" />
        <label className="inline-field">
          Tickets
          <select value={who === 'me' || who === 'none' || who === '' ? who : 'other'} onChange={(e) => set('assignee_id', e.target.value)}>
            <option value="">All open</option>
            <option value="me">Assigned to me</option>
            <option value="none">Unassigned</option>
            {who && who !== 'me' && who !== 'none' && <option value="other" disabled>{names.user(who)}</option>}
          </select>
        </label>
        <label className="inline-field">
          Team
          <select value={team} onChange={(e) => set('team_id', e.target.value)}>
            <option value="">Any team</option>
            <option value="none">No team</option>
            {names.teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
      </header>
      <p className="hint">Highest score first. The score adds SLA time left, regulatory deadlines, priority, customer tier, channel, sentiment/intent and age — open “why?” on a row to see its parts.</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className="table-scroll">
          {list.data.truncated && <p className="alert alert-info">Only the {list.data.considered} oldest open tickets were scored; narrow by team.</p>}
          <table className="ticket-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Score</th>
                <th scope="col">Ticket</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Channel</th>
                <th scope="col">Requester</th>
                <th scope="col">Assignee</th>
                <th scope="col" className="col-time">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((t) => (
                <tr key={t.id}>
                  <td className="col-num">{t.rank}</td>
                  <td><ScoreWhy score={t} /></td>
                  <td className="col-subject">
                    <Link to={`/tickets/${t.id}`}>
                      <span className="muted">#{t.number}</span> {t.subject}
                    </Link>
                  </td>
                  <td><StatusBadge status={t.status} /></td>
                  <td><PriorityTag priority={t.priority} /></td>
                  <td>{t.channel}</td>
                  <td>{t.requester_name}{t.tier !== 'standard' && <span className="tag">{t.tier}</span>}</td>
                  <td>{names.user(t.assignee_id) || <span className="muted">—</span>}</td>
                  <td className="col-time">{shortTime(t.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.data.length === 0 && <p className="muted">No open tickets here.</p>}
        </div>
      )}
    </section>
  );
}
