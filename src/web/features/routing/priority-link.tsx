import { Link } from 'react-router';

const KEYS = ['status', 'assignee_id', 'team_id', 'brand_id', 'channel', 'tag'];
const OPEN = ['new', 'open', 'pending', 'on_hold'];

/** The /priority URL for an inbox view's filters: the same tickets (open ones), sorted by priority score. */
export function priorityHref(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    let v = params[k];
    if (!v) continue;
    if (k === 'status') v = v.split(',').filter((s) => OPEN.includes(s)).join(',');
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return `/priority${s ? `?${s}` : ''}`;
}

/** "Sort by priority score" for an inbox view. */
export function PriorityViewLink({ params }: { params: Record<string, string | null | undefined> }) {
  return (
    <Link className="btn btn-small" to={priorityHref(params)} title="The open tickets of this view, highest priority score first, each with why">
      By priority score
    </Link>
  );
}
