import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCustomer, useTicketList } from '../../api-client/queries.js';
import { fullTime, shortId } from '../../ui/format.js';
import { Empty, ErrorBox, Loading } from '../../ui/feedback.js';
import { useListNavigation } from '../inbox/list-navigation.js';
import { TicketTable } from '../inbox/ticket-table.js';

export function CustomerPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  const tickets = useTicketList({ requester_id: id });
  const rows = useMemo(() => tickets.data?.pages.flatMap((p) => p.data) ?? [], [tickets.data]);
  const navigate = useNavigate();
  const [selected, setSelected] = useListNavigation(rows.length, (i) => navigate(`/tickets/${rows[i].id}`), id);
  const c = customer.data;
  const email = c?.email ?? c?.identities?.find((i) => i.kind === 'email')?.value;

  return (
    <section className="main-pane solo" aria-labelledby="customer-title">
      <header className="pane-head">
        <h1 id="customer-title">{c?.name || email || `Customer ${shortId(id)}`}</h1>
        {c?.tier && c.tier !== 'standard' && <span className="badge">{c.tier}</span>}
      </header>
      {customer.isPending ? (
        <Loading />
      ) : customer.error ? (
        <ErrorBox error={customer.error} onRetry={() => void customer.refetch()} />
      ) : !c ? (
        <p className="hint">Customer details are not available (yet); their tickets are below.</p>
      ) : (
        <dl className="facts">
          {(c.identities ?? (email ? [{ kind: 'email', value: email }] : [])).map((i) => (
            <div key={`${i.kind}:${i.value}`}>
              <dt>{i.kind === 'external_id' ? 'External id' : i.kind === 'phone' ? 'Phone' : 'Email'}</dt>
              <dd>{i.value}</dd>
            </div>
          ))}
          {c.organization_id && (
            <div>
              <dt>Organisation</dt>
              <dd>{c.organization_name ?? c.organization_id}</dd>
            </div>
          )}
          {c.country && (
            <div>
              <dt>Country</dt>
              <dd>{c.country}</dd>
            </div>
          )}
          {c.locale && (
            <div>
              <dt>Language</dt>
              <dd>{c.locale}</dd>
            </div>
          )}
          {c.time_zone && (
            <div>
              <dt>Time zone</dt>
              <dd>{c.time_zone}</dd>
            </div>
          )}
          {c.ticket_counts && (
            <div>
              <dt>Tickets</dt>
              <dd>
                {c.ticket_counts.total ?? 0} total
                {['new', 'open', 'pending', 'on_hold']
                  .filter((s) => (c.ticket_counts?.[s] ?? 0) > 0)
                  .map((s) => ` · ${c.ticket_counts?.[s]} ${s.replace('_', ' ')}`)
                  .join('')}
              </dd>
            </div>
          )}
          {c.created_at && (
            <div>
              <dt>Customer since</dt>
              <dd>{fullTime(c.created_at)}</dd>
            </div>
          )}
        </dl>
      )}
      <h2 className="section-title">Tickets</h2>
      <ErrorBox error={tickets.error} onRetry={() => void tickets.refetch()} />
      {tickets.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>No tickets from this customer.</Empty>
      ) : (
        <div className="table-scroll">
          <TicketTable tickets={rows} selected={selected} onSelect={setSelected} caption="Tickets of this customer" />
          {tickets.hasNextPage && (
            <div className="load-more">
              <button type="button" className="btn" onClick={() => void tickets.fetchNextPage()} disabled={tickets.isFetchingNextPage}>
                Load more
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
