import { Link } from 'react-router';
import { useCustomer, useRequesterTickets } from '../../api-client/queries.js';
import { shortId, shortTime } from '../../ui/format.js';
import { StatusBadge } from '../../ui/feedback.js';

export function RequesterPanel({ requesterId, currentId }: { requesterId: string; currentId: string }) {
  const customer = useCustomer(requesterId);
  const others = useRequesterTickets(requesterId);
  const c = customer.data;
  const email = c?.email ?? c?.identities?.find((i) => i.kind === 'email')?.value;
  const list = (others.data?.data ?? []).filter((t) => t.id !== currentId);
  return (
    <section className="panel requester" aria-labelledby="requester-title">
      <h2 id="requester-title" className="panel-title">Requester</h2>
      <p className="requester-name">
        <Link to={`/customers/${requesterId}`}>{c?.name || email || `Customer ${shortId(requesterId)}`}</Link>
      </p>
      {email && <p className="muted requester-email">{email}</p>}
      {c && (c.country || c.locale || c.tier) && (
        <p className="muted small">{[c.tier && c.tier !== 'standard' ? c.tier : null, c.country, c.locale, c.time_zone].filter(Boolean).join(' · ')}</p>
      )}
      <h3 className="panel-subtitle">Other tickets</h3>
      {others.isPending ? (
        <p className="muted small">Loading…</p>
      ) : list.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="mini-list">
          {list.slice(0, 10).map((t) => (
            <li key={t.id}>
              <StatusBadge status={t.status} />
              <Link to={`/tickets/${t.id}`} title={t.subject}>
                #{t.number} {t.subject}
              </Link>
              <span className="muted small">{shortTime(t.updated_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
